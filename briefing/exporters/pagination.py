"""Pages filled as LibreOffice fills them, from the page meter's paragraphs of lines.

A paragraph is (space before, space after, flags, lines); a line is (height, the height of the
footnotes marked on it, the height repeated atop a page it starts: a table's header rows).
The rules were found by measuring LibreOffice's PDFs (tools/calibrate_pages.py,
docs/page-meter.md).
"""

from __future__ import annotations

BODY_HEIGHT = (16838 - 2 * 1417) / 20  # A4 less two 2.5 cm margins, in points
FOOTNOTE_LINE = 9.0 * 1.1499  # a 9 pt footnote line of Liberation Sans
# Fitted to LibreOffice (tools/calibrate_pages.py):
FN_SEPARATOR = 3.0  # above a page's footnotes (5 pt, less the last footnote's 2 pt after)
FN_SPLIT = 2  # footnote lines a page must hold to start a footnote it cannot finish
ORPHANS = WIDOWS = 2  # LibreOffice gives an imported .docx's Normal style widow control
KEEP, ROW, WHOLE = 1, 2, 4  # paragraph flags: kept with the next one; a table row; unsplit
Line = tuple[float, float, float]  # height, its footnotes' height, height repeated atop a page
Para = tuple[float, float, int, list[Line]]  # space before, space after, flags, lines


class _Page:
    """The page being filled: body height used, footnote area, footnote text held over."""

    def __init__(self) -> None:
        self.count, self.y, self.fn, self.carry, self.placed = 1, 0.0, 0.0, 0.0, False

    def next(self, top: float) -> None:
        self.count += 1
        self.y, self.placed = top, False
        self.fn = self.carry + FN_SEPARATOR if self.carry else 0.0
        self.carry = 0.0

    def fill(self, lines: list[Line], start: int, limit: int, gap: float, commit: bool) -> int:
        """How many of ``lines[start:]`` (at most ``limit``) fit on this page; place them."""
        y, fn, carry, placed = self.y, self.fn, self.carry, self.placed
        count = 0
        for height, notes, _repeat in lines[start : start + limit]:
            if placed and y + gap + height + fn > BODY_HEIGHT:
                break
            extra = notes + FN_SEPARATOR if notes and not fn else notes
            y, gap, placed, count = y + gap + height, 0.0, True, count + 1
            if carry:  # footnotes are held over to the next page: later ones follow them
                carry += notes
            elif y + fn + extra <= BODY_HEIGHT:
                fn += extra
            elif BODY_HEIGHT - y - fn - (extra - notes) >= FN_SPLIT * FOOTNOTE_LINE:
                # The footnote starts here and goes on at the foot of the next page.
                carry, fn = y + fn + extra - BODY_HEIGHT, BODY_HEIGHT - y
            else:  # too little room: LibreOffice moves the whole footnote on
                carry = notes
        if commit:
            self.y, self.fn, self.carry, self.placed = y, fn, carry, placed
        return count


def paginate(paras: list[Para]) -> tuple[int, float]:
    """Fill pages line by line: (pages, height used on the last one, footnotes included).

    As LibreOffice lays out our .docx: the space between paragraphs is the larger of one's
    space after and the next's space before (kept at the top of a page); a paragraph leaves
    at least two lines at the foot of a page and takes at least two to the next; a heading
    goes to the next page unless what it is kept with fits too.
    """
    needs = _keep_needs(paras)
    page = _Page()
    after = 0.0
    for index, (before, para_after, flags, lines) in enumerate(paras):
        gap = max(after, before) if page.placed else before
        if needs[index] and page.placed and page.y + gap + needs[index] + page.fn > BODY_HEIGHT:
            page.next(0.0)
            gap = before
        total, done = len(lines), 0
        if flags & WHOLE and page.placed:  # a row that cannot split goes on whole
            height = gap + sum(line[0] for line in lines)
            if page.y + height + page.fn > BODY_HEIGHT:
                page.next(lines[0][2])  # below the table's repeated header rows
                gap = before
        while done < total:
            fits = count = page.fill(lines, done, total - done, gap, commit=False)
            if count < total - done:  # widow and orphan control
                count = min(count, total - done - WIDOWS)
                if done == 0 and count < ORPHANS:
                    count = 0
            if count <= 0:
                count = 0 if page.placed else max(fits, 1)  # an empty page takes what fits
            page.fill(lines, done, count, gap, commit=True)
            done += count
            if done < total:
                page.next(lines[done][2])
                gap = before if done == 0 else 0.0
        after = para_after if lines else max(after, para_after)
    return page.count, page.y + page.fn


def _keep_needs(paras: list[Para]) -> list[float]:
    """For each heading: the height it needs with what it is kept with (0 for the others).

    That is the heading, any headings after it, and the first lines of the next paragraph that
    cannot be parted from it (two; all of a paragraph of three lines or fewer, or of a table
    row). Footnotes need no room: LibreOffice moves one that does not fit to the next page.
    """
    needs = [0.0] * len(paras)
    for i in range(len(paras) - 2, -1, -1):
        _before, after, flags, lines = paras[i]
        if flags & KEEP:
            nxt = paras[i + 1]
            split = len(nxt[3]) >= ORPHANS + WIDOWS and not nxt[2] & ROW
            chunk = nxt[3][:ORPHANS] if split else nxt[3]
            need = needs[i + 1] if nxt[2] & KEEP else sum(line[0] for line in chunk)
            needs[i] = sum(line[0] for line in lines) + max(after, nxt[0]) + need
    return needs
