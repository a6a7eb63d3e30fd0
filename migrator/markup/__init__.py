"""Static call-flow documents: TwiML, NCCO and Plivo XML, and translation between them.

from migrator.markup import translate
result = translate(twiml_text, None, "ncco")   # source detected
result.output, result.report, result.complete
"""

from migrator.markup.errors import MalformedDocument, MarkupError, UnknownFormat, UnsafeDocument
from migrator.markup.report import FORMATS, Format, ReportItem, Severity, Translation
from migrator.markup.translate import detect_format, translate

__all__ = [
    "FORMATS",
    "Format",
    "MalformedDocument",
    "MarkupError",
    "ReportItem",
    "Severity",
    "Translation",
    "UnknownFormat",
    "UnsafeDocument",
    "detect_format",
    "translate",
]
