"""Benchmark of the import guards (issue 20): a 1,000,000-row XLSX and a 300 KB zip bomb.

Prints the CPU seconds spent on a 1,000,000-row XLSX (no <dimension> element, as an attacker writes it) before
the 50,000-row limit stops it, and the memory a 300 KB ZIP holding a 300 MB sheet costs before it is refused.
Each measurement runs in a fresh child process, so peak memory (ru_maxrss) is its own.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r'''
import io, os, resource, sys, time, zipfile
sys.path.insert(0, sys.argv[2])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
import django
django.setup()
from django.utils import translation
translation.activate("en")
from tijara.catalog import importer, sheet
from tijara.core.errors import TijaraError

def xlsx(rows):
    out = io.StringIO()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    out.write(f'<?xml version="1.0"?><worksheet xmlns="{main}"><sheetData>')
    out.write('<row r="1"><c r="A1" t="inlineStr"><is><t>sku</t></is></c></row>')
    for i in range(2, rows + 2):
        out.write(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>S{i}</t></is></c></row>')
    out.write("</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="P" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", out.getvalue())
    return buffer.getvalue()

if sys.argv[1] == "rows":
    data = xlsx(1_000_000)
    start = time.process_time()
    try:
        sheet.read_sheet(data, "big.xlsx", max_rows=importer.MAX_ROWS)
    except TijaraError as exc:
        message = exc.message
    print(f"1,000,000-row XLSX ({len(data) // 1024} KB): refused after {time.process_time() - start:.2f} s CPU "
          f"({message})")
else:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("products.csv", b"sku\n" + b"\0" * (300 * 1024 * 1024))
    bomb = buffer.getvalue()
    del buffer
    import gc; gc.collect()
    open(sys.argv[3], "wb").write(bomb)
'''
MEASURE = r'''
import os, resource, sys
sys.path.insert(0, sys.argv[2])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
import django
django.setup()
from django.utils import translation
translation.activate("en")
from tijara.catalog import importer
from tijara.core.errors import TijaraError
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
try:
    importer.split_sheet_and_zip(data, "bomb.zip")
    outcome = "unpacked"
except TijaraError as exc:
    outcome = "refused: " + exc.message
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{len(data) // 1024} KB zip bomb (300 MB sheet): peak memory {before} MB → {after} MB, {outcome}")
'''


def main() -> None:
    import tempfile

    src = str(ROOT / "src")
    rows = subprocess.run([sys.executable, "-c", CHILD, "rows", src], capture_output=True, text=True, timeout=600)
    print(rows.stdout.strip() or rows.stderr.strip()[-500:])
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "bomb.zip")
        subprocess.run([sys.executable, "-c", CHILD, "bomb", src, path], check=True, timeout=600)
        bomb = subprocess.run([sys.executable, "-c", MEASURE, path, src], capture_output=True, text=True, timeout=600)
        print(bomb.stdout.strip() or bomb.stderr.strip()[-500:])


if __name__ == "__main__":
    main()
