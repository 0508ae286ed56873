"""What a file is, in words people use: the one mapping from file extensions (and, for
old rows without one, content types) to labels such as "Word document" or
"Spreadsheet", and the one way sizes are written (KB, MB)."""

WORD = "Word document"
SPREADSHEET = "Spreadsheet"
PRESENTATION = "Presentation"

KIND_BY_EXTENSION = {
    "pdf": "PDF",
    "doc": WORD,
    "docx": WORD,
    "odt": WORD,
    "rtf": WORD,
    "xls": SPREADSHEET,
    "xlsx": SPREADSHEET,
    "xlsm": SPREADSHEET,
    "ods": SPREADSHEET,
    "csv": SPREADSHEET,
    "tsv": SPREADSHEET,
    "ppt": PRESENTATION,
    "pptx": PRESENTATION,
    "odp": PRESENTATION,
    "png": "Image",
    "jpg": "Image",
    "jpeg": "Image",
    "gif": "Image",
    "webp": "Image",
    "svg": "Image",
    "txt": "Text",
    "text": "Text",
    "log": "Text",
    "rst": "Text",
    "ini": "Text",
    "md": "Text (Markdown)",
    "markdown": "Text (Markdown)",
    "json": "Data (JSON)",
    "yaml": "Data (YAML)",
    "yml": "Data (YAML)",
    "xml": "Data (XML)",
    "html": "Web page",
    "htm": "Web page",
    "eml": "E-mail",
    "msg": "E-mail",
    "zip": "Zip archive",
}
KIND_BY_CONTENT_TYPE_PREFIX = {
    "image/": "Image",
    "text/": "Text",
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml": WORD,
    "application/vnd.openxmlformats-officedocument.spreadsheetml": SPREADSHEET,
    "application/vnd.openxmlformats-officedocument.presentationml": PRESENTATION,
    "application/vnd.oasis.opendocument.text": WORD,
    "application/vnd.oasis.opendocument.spreadsheet": SPREADSHEET,
    "application/vnd.oasis.opendocument.presentation": PRESENTATION,
}
UNKNOWN = "File"


def kind_label(extension="", content_type=""):
    """The label for a file with this extension (or, failing that, content type)."""
    label = KIND_BY_EXTENSION.get((extension or "").lower().lstrip("."))
    if label:
        return label
    for prefix, label in KIND_BY_CONTENT_TYPE_PREFIX.items():
        if (content_type or "").startswith(prefix):
            return label
    return UNKNOWN


def size_label(size):
    """``size`` bytes as "512 bytes", "14 KB", "2.4 MB" or "1.1 GB"."""
    try:
        size = max(int(size or 0), 0)
    except (TypeError, ValueError):
        return ""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if size >= 10 else f"{size:.1f} {unit}"
    return ""
