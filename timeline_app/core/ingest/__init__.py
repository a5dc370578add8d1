"""Files → Articles: encodings, HTML, Markdown and TimeML reading, boilerplate, the dateline, file lists."""
