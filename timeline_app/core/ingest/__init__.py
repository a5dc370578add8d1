"""Files → Articles: encodings, HTML, Markdown and TimeML reading, boilerplate, the dateline, file lists."""

from .errors import IngestError
from .files import ARTICLE_SUFFIXES, articles_in, expand_inputs
from .reader import read_article, read_article_bytes

__all__ = ["ARTICLE_SUFFIXES", "IngestError", "articles_in", "expand_inputs", "read_article", "read_article_bytes"]
