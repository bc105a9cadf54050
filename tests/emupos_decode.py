"""Decode ESC/POS bytes with emupos, an independent decoder: the text each receipt prints, a PNG
of it, and the events the printer reports (drawer pulses, unknown commands).

    python emupos_decode.py BYTES_FILE OUT_DIR COLUMNS

COLUMNS is 48 (80 mm, 576 dots) or 32 (58 mm, 384 dots). Prints one JSON object on stdout:
{"receipts": [{"text": ..., "png": path}], "events": [{"type": ..., "data": {...}}]}.
"""

import json
import sys
from importlib import resources
from pathlib import Path

from emupos.config import _parse_profile
from emupos.printer.printer import Printer


def main() -> None:
    data = Path(sys.argv[1]).read_bytes()
    out_dir = Path(sys.argv[2])
    columns = int(sys.argv[3])
    text = resources.files("emupos").joinpath("profiles/printers/epson-tm-t20iii.yaml").read_text()
    profile = _parse_profile(text, "epson-tm-t20iii")
    # Font A is 12 dots wide: 32 columns are the 384 dots of 58 mm paper.
    profile = profile.model_copy(update={"width_dots": columns * profile.font_a.width})
    printer = Printer(
        "loket",
        profile,
        sensor_open_level=profile.drawer_sensor_open_level,
        job_idle_timeout_ms=1000,
    )
    outputs = [printer.open_connection("test", 0.0)]
    outputs.append(printer.receive("test", data, 0.1))
    outputs.append(printer.close_connection("test", 0.2))
    receipts, events = [], []
    for output in outputs:
        for receipt in output.receipts:
            png = out_dir / f"receipt-{len(receipts)}.png"
            png.write_bytes(receipt.png)
            receipts.append({"text": receipt.text, "png": str(png), "boundary": receipt.boundary})
        for event in output.events:
            events.append({"type": str(event.type), "data": dict(event.data)})
    json.dump({"receipts": receipts, "events": events}, sys.stdout)


if __name__ == "__main__":
    main()
