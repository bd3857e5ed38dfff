"""Appendix 1 (the complaint table) drawn straight with Pango and cairo, for the PDF.

WeasyPrint lays out text one line at a time in Python: the seed year's appendix (513 complaints,
about 480,000 characters on 115 landscape pages) took 15-20 s of CPU, nearly all of the PDF's time
(docs/benchmarks.md "Annual report PDF"). Pango breaks a whole cell into lines in C and cairo writes
the glyphs, so the same table takes about a second. The rest of the report stays WeasyPrint's: it
lays out the table's first page as an empty landscape sheet and counts the table's other pages for the
contents' page numbers (``annualreport.exporters.pdf``); ``assemble`` then inserts the other pages,
draws the table's pages on them and ``running_footers`` (title, "Pagina n van N", concept mark, in
the place and font of the `@page` rules) on every page.

The same fonts as the rest of the report: Pango with fontconfig's fallback (Noto Sans, then the Noto
font that has a script, e.g. Devanagari), so every character of every name prints. Text cells wrap at
word boundaries and only break inside a word that is wider than its column; the verdict column
("Onbekend", "Deels") never wraps. A row moves to the next page whole unless it is taller than a page;
then it is cut between lines and each line is drawn once (the text reads back without duplicates).

Needs the system libraries libcairo2 and libpangocairo-1.0-0 (Debian's libpango-1.0-0 depends on the
latter); ``available()`` says whether they load, and the exporter falls back to WeasyPrint's HTML table
when they do not."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MM = 72 / 25.4  # points per millimetre
PANGO_SCALE = 1024
WRAP_WORD_CHAR = 2
HINT_METRICS_OFF, HINT_STYLE_NONE = 1, 1

# A4 landscape and the page margins of `@page appendix` in templates/annualreport/document.html.
PAGE_WIDTH, PAGE_HEIGHT = 297 * MM, 210 * MM
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 14 * MM, 12 * MM, 16 * MM, 12 * MM
BODY_INSET = 6.0  # WeasyPrint's default body margin (8 CSS px) at either side, as the HTML table had
CONTENT_LEFT = MARGIN_LEFT + BODY_INSET
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT - 2 * BODY_INSET
CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN_BOTTOM

FONT_FAMILIES = "Noto Sans, DejaVu Sans, sans-serif"
FONT_SIZE = 7.0  # points, as `.ar-appendix-table` in the HTML
CAPTION_SIZE = 9.5
PAD_TOP, PAD_BOTTOM, PAD_RIGHT = 0.8 * MM, 0.8 * MM, 1.5 * MM
# Column widths as the HTML's <colgroup>: reference, location, label, category, verdict fixed;
# the description and the solution share the rest.
FIXED_WIDTHS = {0: 19 * MM, 1: 34 * MM, 2: 21 * MM, 3: 27 * MM, 6: 15 * MM}
NO_WRAP_COLUMNS = frozenset({6})
RULE_GREY, HEADER_RULE_GREY = (0.8, 0.8, 0.8), (0.467, 0.467, 0.467)
UNREVIEWED_BACKGROUND = (1.0, 0.953, 0.804)  # #fff3cd, as `.ar-unreviewed td`
TEXT_COLOUR = (0.067, 0.067, 0.067)  # #111, the body's colour
FOOTER_SIZE = 8.0
FOOTER_GREY = (0.333, 0.333, 0.333)  # #555
CONCEPT_RED = (0.69, 0.165, 0.216)  # #b02a37

CDEF = """
typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;
typedef int cairo_status_t;
cairo_surface_t *cairo_pdf_surface_create (const char *filename, double width, double height);
cairo_t *cairo_create (cairo_surface_t *target);
cairo_status_t cairo_status (cairo_t *cr);
cairo_status_t cairo_surface_status (cairo_surface_t *surface);
void cairo_destroy (cairo_t *cr);
void cairo_surface_finish (cairo_surface_t *surface);
void cairo_surface_destroy (cairo_surface_t *surface);
void cairo_show_page (cairo_t *cr);
void cairo_set_source_rgb (cairo_t *cr, double red, double green, double blue);
void cairo_set_line_width (cairo_t *cr, double width);
void cairo_move_to (cairo_t *cr, double x, double y);
void cairo_line_to (cairo_t *cr, double x, double y);
void cairo_rectangle (cairo_t *cr, double x, double y, double width, double height);
void cairo_fill (cairo_t *cr);
void cairo_stroke (cairo_t *cr);
void cairo_pdf_surface_set_size (cairo_surface_t *surface, double width_in_points, double height_in_points);

typedef struct _PangoLayout PangoLayout;
typedef struct _PangoContext PangoContext;
PangoContext *pango_cairo_create_context (cairo_t *cr);
typedef struct _cairo_font_options cairo_font_options_t;
cairo_font_options_t *cairo_font_options_create (void);
void cairo_font_options_set_hint_metrics (cairo_font_options_t *options, int hint_metrics);
void cairo_font_options_set_hint_style (cairo_font_options_t *options, int hint_style);
void cairo_font_options_destroy (cairo_font_options_t *options);
void pango_cairo_context_set_font_options (PangoContext *context, const cairo_font_options_t *options);
PangoLayout *pango_layout_new (PangoContext *context);
typedef struct _PangoLayoutIter PangoLayoutIter;
typedef struct _PangoFontDescription PangoFontDescription;
PangoLayout *pango_cairo_create_layout (cairo_t *cr);
typedef struct _PangoLayoutLine PangoLayoutLine;
void pango_cairo_show_layout (cairo_t *cr, PangoLayout *layout);
void pango_cairo_show_layout_line (cairo_t *cr, PangoLayoutLine *line);
PangoLayoutLine *pango_layout_get_line_readonly (PangoLayout *layout, int line);
int pango_layout_iter_get_baseline (PangoLayoutIter *iter);
void pango_layout_set_text (PangoLayout *layout, const char *text, int length);
void pango_layout_set_width (PangoLayout *layout, int width);
void pango_layout_set_wrap (PangoLayout *layout, int wrap);
void pango_layout_set_font_description (PangoLayout *layout, const PangoFontDescription *desc);
void pango_layout_get_size (PangoLayout *layout, int *width, int *height);
PangoLayoutIter *pango_layout_get_iter (PangoLayout *layout);
int pango_layout_iter_next_line (PangoLayoutIter *iter);
void pango_layout_iter_get_line_yrange (PangoLayoutIter *iter, int *y0_, int *y1_);
void pango_layout_iter_free (PangoLayoutIter *iter);
PangoFontDescription *pango_font_description_from_string (const char *str);
void pango_font_description_set_absolute_size (PangoFontDescription *desc, double size);
void pango_font_description_free (PangoFontDescription *desc);
void g_object_unref (void *object);
"""


@dataclass(frozen=True)
class Libraries:
    ffi: object
    cairo: object
    pangocairo: object
    pango: object
    gobject: object


@cache
def _libraries() -> Libraries | None:
    try:
        from cffi import FFI

        ffi = FFI()
        ffi.cdef(CDEF)
        return Libraries(
            ffi=ffi,
            cairo=ffi.dlopen("libcairo.so.2"),
            pangocairo=ffi.dlopen("libpangocairo-1.0.so.0"),
            pango=ffi.dlopen("libpango-1.0.so.0"),
            gobject=ffi.dlopen("libgobject-2.0.so.0"),
        )
    except (ImportError, OSError):
        return None


def available() -> bool:
    """Whether cairo and pangocairo load; without them the appendix is WeasyPrint's HTML table."""
    return _libraries() is not None


@dataclass
class _Cell:
    layout: object
    height: float  # points
    line_ends: list[float]  # bottom of each line, points from the top of the cell's text
    baselines: list[float]  # baseline of each line, the same way
    width: float = 0.0  # points, of the widest line
    drawn: float = 0.0  # how much of the text is on earlier pages


@dataclass
class _Row:
    cells: list[_Cell]
    shaded: bool
    done: bool = field(default=False)

    @property
    def remaining(self) -> float:
        return max(cell.height - cell.drawn for cell in self.cells)


class _Drawing:
    """One cairo PDF surface and the Pango objects on it; ``close`` frees them."""

    def __init__(self, path: Path) -> None:
        libs = _libraries()
        assert libs is not None
        self.ffi, self.cairo, self.pangocairo, self.pango, self.gobject = (
            libs.ffi,
            libs.cairo,
            libs.pangocairo,
            libs.pango,
            libs.gobject,
        )
        self.surface = self.cairo.cairo_pdf_surface_create(str(path).encode(), PAGE_WIDTH, PAGE_HEIGHT)
        self.cr = self.cairo.cairo_create(self.surface)
        self.fonts = {
            "regular": self._font(f"{FONT_FAMILIES}", FONT_SIZE),
            "bold": self._font(f"{FONT_FAMILIES} Bold", FONT_SIZE),
            "caption": self._font(f"{FONT_FAMILIES} Bold", CAPTION_SIZE),
            "footer": self._font(f"{FONT_FAMILIES}", FOOTER_SIZE),
            "concept": self._font(f"{FONT_FAMILIES} Bold", FOOTER_SIZE),
        }
        # One Pango context for all cells: its font lookups and fallbacks are made once.
        self.context = self.pangocairo.pango_cairo_create_context(self.cr)
        # Unhinted metrics, as WeasyPrint's: the same glyph advances, so the same line breaks and widths.
        options = self.cairo.cairo_font_options_create()
        self.cairo.cairo_font_options_set_hint_metrics(options, HINT_METRICS_OFF)
        self.cairo.cairo_font_options_set_hint_style(options, HINT_STYLE_NONE)
        self.pangocairo.pango_cairo_context_set_font_options(self.context, options)
        self.cairo.cairo_font_options_destroy(options)
        self.layouts: set[object] = set()  # not yet released

    def _font(self, description: str, size: float) -> object:
        font = self.pango.pango_font_description_from_string(description.encode())
        self.pango.pango_font_description_set_absolute_size(font, size * PANGO_SCALE)
        return font

    def layout(self, text: str, *, width: float | None, font: str) -> _Cell:
        layout = self.pango.pango_layout_new(self.context)
        self.layouts.add(layout)
        self.pango.pango_layout_set_font_description(layout, self.fonts[font])
        if width is not None:
            self.pango.pango_layout_set_width(layout, int(width * PANGO_SCALE))
            self.pango.pango_layout_set_wrap(layout, WRAP_WORD_CHAR)
        encoded = text.encode()
        self.pango.pango_layout_set_text(layout, encoded, len(encoded))
        line_ends, baselines = [], []
        iterator = self.pango.pango_layout_get_iter(layout)
        y0, y1 = self.ffi.new("int *"), self.ffi.new("int *")
        while True:
            self.pango.pango_layout_iter_get_line_yrange(iterator, y0, y1)
            line_ends.append(y1[0] / PANGO_SCALE)
            baselines.append(self.pango.pango_layout_iter_get_baseline(iterator) / PANGO_SCALE)
            if not self.pango.pango_layout_iter_next_line(iterator):
                break
        self.pango.pango_layout_iter_free(iterator)
        size = self.ffi.new("int[2]")
        self.pango.pango_layout_get_size(layout, size, size + 1)
        return _Cell(
            layout=layout, height=line_ends[-1], line_ends=line_ends, baselines=baselines, width=size[0] / PANGO_SCALE
        )

    def show(
        self, cell: _Cell, x: float, y: float, *, height: float | None = None, colour: tuple = TEXT_COLOUR
    ) -> None:
        """Draw ``cell`` with its top at ``y``; with ``height``, only its lines from ``cell.drawn``
        down to ``cell.drawn + height`` (a row cut at a page break), so no line is drawn twice."""
        cr = self.cairo
        cr.cairo_set_source_rgb(self.cr, *colour)
        if height is None or (cell.drawn == 0 and height >= cell.height):
            cr.cairo_move_to(self.cr, x, y)
            self.pangocairo.pango_cairo_show_layout(self.cr, cell.layout)
            return
        for index, (end, baseline) in enumerate(zip(cell.line_ends, cell.baselines, strict=True)):
            if cell.drawn < end <= cell.drawn + height + 0.01:
                cr.cairo_move_to(self.cr, x, y + baseline - cell.drawn)
                line = self.pango.pango_layout_get_line_readonly(cell.layout, index)
                self.pangocairo.pango_cairo_show_layout_line(self.cr, line)

    def rule(self, y: float, *, grey: tuple[float, float, float], width: float) -> None:
        cr = self.cairo
        cr.cairo_set_source_rgb(self.cr, *grey)
        cr.cairo_set_line_width(self.cr, width)
        cr.cairo_move_to(self.cr, CONTENT_LEFT, y)
        cr.cairo_line_to(self.cr, CONTENT_LEFT + CONTENT_WIDTH, y)
        cr.cairo_stroke(self.cr)

    def fill(self, x: float, y: float, width: float, height: float, colour: tuple[float, float, float]) -> None:
        self.cairo.cairo_set_source_rgb(self.cr, *colour)
        self.cairo.cairo_rectangle(self.cr, x, y, width, height)
        self.cairo.cairo_fill(self.cr)

    def set_size(self, width: float, height: float) -> None:
        """The size of the page about to be drawn (before anything is drawn on it)."""
        self.cairo.cairo_pdf_surface_set_size(self.surface, width, height)

    def release(self, cells: Iterable[_Cell]) -> None:
        """Free the Pango layouts of cells already drawn: memory stays flat however long the table."""
        for cell in cells:
            self.layouts.discard(cell.layout)
            self.gobject.g_object_unref(cell.layout)

    def next_page(self) -> None:
        self.cairo.cairo_show_page(self.cr)

    def close(self) -> None:
        status = self.cairo.cairo_status(self.cr)
        for layout in self.layouts:
            self.gobject.g_object_unref(layout)
        self.layouts.clear()
        self.gobject.g_object_unref(self.context)
        for font in self.fonts.values():
            self.pango.pango_font_description_free(font)
        self.cairo.cairo_destroy(self.cr)
        self.cairo.cairo_surface_finish(self.surface)
        status = status or self.cairo.cairo_surface_status(self.surface)
        self.cairo.cairo_surface_destroy(self.surface)
        if status:
            raise RuntimeError(f"cairo could not draw appendix 1 (status {status})")


def column_widths(count: int) -> list[float]:
    fixed = sum(FIXED_WIDTHS.values())
    flexible = (CONTENT_WIDTH - fixed) / (count - len(FIXED_WIDTHS))
    return [FIXED_WIDTHS.get(index, flexible) for index in range(count)]


def appendix_pages(
    *,
    caption: str,
    headers: Sequence[str],
    rows: Iterable[tuple[Sequence[str], bool]],
    first_top: float | None = None,
) -> tuple[bytes, int]:
    """The table as PDF pages of A4 landscape (content only: no page numbers, no footer), and
    their number. ``rows`` yields (cells, reviewed); an unreviewed row is shaded as in the HTML.
    ``first_top``: where the table starts on the first page (points from the top; below the
    appendix's heading and introduction), else at the top margin."""
    widths = column_widths(len(headers))
    lefts = [CONTENT_LEFT + sum(widths[:index]) for index in range(len(widths))]
    text_widths = [width - PAD_RIGHT for width in widths]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "appendix.pdf"
        drawing = _Drawing(path)
        pages = 1
        try:
            header = [drawing.layout(text, width=text_widths[i], font="bold") for i, text in enumerate(headers)]
            header_height = max(cell.height for cell in header) + PAD_TOP + PAD_BOTTOM

            def page_top(first: bool) -> float:
                y = MARGIN_TOP
                if first:
                    y = max(first_top or MARGIN_TOP, MARGIN_TOP)
                    title = drawing.layout(caption, width=CONTENT_WIDTH, font="caption")
                    drawing.show(title, CONTENT_LEFT, y)
                    y += title.height + 1 * MM
                for cell, left in zip(header, lefts, strict=True):
                    drawing.show(cell, left, y + PAD_TOP)
                y += header_height
                drawing.rule(y, grey=HEADER_RULE_GREY, width=0.7)
                return y

            y = page_top(first=True)
            body_top = y
            for texts, reviewed in rows:
                row = _Row(
                    cells=[
                        drawing.layout(
                            _plain(text),
                            width=None if index in NO_WRAP_COLUMNS else text_widths[index],
                            font="regular",
                        )
                        for index, text in enumerate(texts)
                    ],
                    shaded=not reviewed,
                )
                while not row.done:
                    needed = row.remaining + PAD_TOP + PAD_BOTTOM
                    if y + needed > CONTENT_BOTTOM and y > body_top:
                        if needed <= CONTENT_BOTTOM - body_top or y - body_top > (CONTENT_BOTTOM - body_top) / 2:
                            # Whole to the next page (`break-inside: avoid`), or a tall row starts there.
                            drawing.next_page()
                            pages += 1
                            y = body_top = page_top(first=False)
                            continue
                    y = _draw_row(drawing, row, lefts, y)
                    if not row.done:
                        drawing.next_page()
                        pages += 1
                        y = body_top = page_top(first=False)
                drawing.release(row.cells)
        finally:
            drawing.close()
        return path.read_bytes(), pages


def _draw_row(drawing: _Drawing, row: _Row, lefts: list[float], y: float) -> float:
    """Draw what fits of ``row`` from ``y``; the new ``y``. A row that does not fit is cut after the
    last whole line of each cell that fits and continues on the next page."""
    room = CONTENT_BOTTOM - y - PAD_TOP - PAD_BOTTOM
    cuts = []
    for cell in row.cells:
        rest = [end - cell.drawn for end in cell.line_ends if end > cell.drawn]
        if not rest or rest[-1] <= room:
            cuts.append(rest[-1] if rest else 0.0)
        else:
            fitting = [end for end in rest if end <= room]
            cuts.append(fitting[-1] if fitting else 0.0)
    height = max(cuts) + PAD_TOP + PAD_BOTTOM
    if row.shaded:  # `.ar-unreviewed td`: every cell of the row
        drawing.fill(CONTENT_LEFT, y, CONTENT_WIDTH, height, UNREVIEWED_BACKGROUND)
    for cell, left, cut in zip(row.cells, lefts, cuts, strict=True):
        if cut > 0:
            drawing.show(cell, left, y + PAD_TOP, height=cut)
        cell.drawn += cut
    row.done = all(cell.drawn >= cell.height - 0.01 for cell in row.cells)
    y += height
    drawing.rule(y, grey=RULE_GREY, width=0.3)
    return y


def _plain(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def running_footers(sizes: Sequence[tuple[float, float]], *, title: str, concept: str | None) -> bytes:
    """A PDF of transparent pages, one per page size in ``sizes`` (points), with the running footer
    of the report's `@page` rules: the title bottom left and "Pagina n van N" bottom right (not on
    the first page), and ``concept`` top right on every page when given."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "footers.pdf"
        drawing = _Drawing(path)
        try:
            total = len(sizes)
            for number, (width, height) in enumerate(sizes, start=1):
                drawing.set_size(width, height)
                # Portrait pages have margins of 20 mm top and bottom and 18 mm at the sides; the
                # landscape pages of appendix 1 14/16 mm and 12 mm (templates/annualreport/document.html).
                top, bottom, side = (14 * MM, 16 * MM, 12 * MM) if width > height else (20 * MM, 20 * MM, 18 * MM)
                if number > 1:
                    left = drawing.layout(title, width=None, font="footer")
                    drawing.show(left, side, height - bottom / 2 - left.height / 2, colour=FOOTER_GREY)
                    right = drawing.layout(f"Pagina {number} van {total}", width=None, font="footer")
                    drawing.show(
                        right, width - side - right.width, height - bottom / 2 - right.height / 2, colour=FOOTER_GREY
                    )
                    drawing.release([left, right])
                if concept:
                    mark = drawing.layout(concept, width=None, font="concept")
                    drawing.show(mark, width - side - mark.width, top / 2 - mark.height / 2, colour=CONCEPT_RED)
                    drawing.release([mark])
                drawing.next_page()
        finally:
            drawing.close()
        return path.read_bytes()


def assemble(document_pdf: bytes, *, sheet: int, table_pdf: bytes, footers_pdf: bytes) -> bytes:
    """The report: WeasyPrint's pages with the table's first page drawn on page ``sheet`` (0-based)
    and its further pages inserted after it, and the running footers drawn on every page. Each
    drawn page is a form XObject, so content streams are copied, not parsed."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document_pdf)))
    table = PdfReader(io.BytesIO(table_pdf))
    footers = PdfReader(io.BytesIO(footers_pdf))
    first = writer.pages[sheet]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    for offset in range(1, len(table.pages)):
        writer.insert_blank_page(width, height, sheet + offset)
    if len(footers.pages) != len(writer.pages):
        raise RuntimeError(f"{len(footers.pages)} footers for {len(writer.pages)} pages")
    for offset, source in enumerate(table.pages):
        _draw_on(writer, writer.pages[sheet + offset], source, "ArTable")
    for page, source in zip(writer.pages, footers.pages, strict=True):
        _draw_on(writer, page, source, "ArFooter")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _draw_on(writer, page, source, name: str) -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    form = writer._add_object(_form_xobject(writer, source))  # noqa: SLF001 - pypdf's own way to add one
    # WeasyPrint shares one resource dictionary between pages: each page gets its own (shallow) copy.
    resources = DictionaryObject(page["/Resources"].get_object()) if "/Resources" in page else DictionaryObject()
    xobjects = resources.get("/XObject")
    xobjects = DictionaryObject(xobjects.get_object()) if xobjects is not None else DictionaryObject()
    key = NameObject(f"/{name}")
    xobjects[key] = form
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    # WeasyPrint's content leaves its own transformation in place: it is wrapped in q … Q, so the
    # form is drawn in the page's own coordinates.
    contents = page.get("/Contents")
    if contents is None:
        parts = []
    else:
        existing = contents.get_object()
        parts = list(existing) if isinstance(existing, ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [_stream(writer, b"q\n"), *parts, _stream(writer, f"\nQ q {key} Do Q\n".encode())]
    )


def _stream(writer, data: bytes):
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)  # noqa: SLF001 - pypdf's own way to add an object


def _form_xobject(writer, source):
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        FloatObject,
        NameObject,
        StreamObject,
    )

    contents = source["/Contents"].get_object()
    if isinstance(contents, StreamObject):  # cairo writes one compressed stream per page: copied as is
        form = contents.clone(writer)
    else:
        form = DecodedStreamObject()
        form.set_data(source.get_contents().get_data())
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject([FloatObject(v) for v in source.mediabox])
    form[NameObject("/Resources")] = source["/Resources"].clone(writer)
    return form
