"""The statutory reports per location for the GGD, all at once (issue 12 point 5): one
PDF per active register location, keyed by its LRK number, in a ZIP that is streamed
while it is built (zipfile writes to a stream that cannot seek), so a download of
hundreds of reports neither waits for the last one before the first byte nor holds
them all in memory. Reading only: nothing here writes to the database."""

import zipfile
from collections.abc import Iterator

from annualreport.builder import AnnualReportDocument
from annualreport.exporters import export
from annualreport.figures import Scope
from annualreport.models import AnnualReport
from annualreport.outline import Variant
from annualreport.selectors import ggd_locations


class _Chunks:
    """A write-only file object that hands out what was written since the last take."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self._parts = b"".join(self._parts), []
        return data


def year_is_final(report: AnnualReport) -> bool:
    """The year's report can be final: no text with a wrong placeholder, no publication
    text left to review. Then the GGD reports are offered in final form."""
    return not AnnualReportDocument(report=report).problems


def ggd_zip_chunks(*, report: AnnualReport, final: bool, show_unreviewed_texts: bool = False) -> Iterator[bytes]:
    """The ZIP of every active register location's GGD report as PDF, chunk by chunk.
    Each file is named by the LRK number; a location whose report cannot be final
    (``final`` asked) gets its concept, marked so in its name."""
    buffer = _Chunks()
    with zipfile.ZipFile(buffer, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for location in ggd_locations().iterator(chunk_size=200):
            doc = AnnualReportDocument(
                report=report,
                variant=Variant.GGD,
                scope=Scope(location=location),
                show_unreviewed_texts=show_unreviewed_texts,
            )
            if final and not doc.problems:
                doc.make_final()
            result = export(doc, "pdf")
            archive.writestr(result.filename, result.content)
            yield buffer.take()
    yield buffer.take()


def ggd_zip_filename(*, year: int, final: bool) -> str:
    return f"ggd-verslagen-{year}{'' if final else '-concept'}.zip"
