"""The one error of reading a file: its message is one line naming the file and the problem."""


class IngestError(Exception):
    """A file that cannot be read as an article; the message names the file and the problem."""
