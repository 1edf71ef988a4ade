"""The rates chart as a PNG picture, for documents that cannot hold SVG (Word, WPS).

The geometry is the rates chart's (`rates_chart.chart`): the same bars, labels, ticks and
legend, drawn with Pillow at twice the size so that it prints sharply. Unit names need a
Chinese font; one is looked for among the fonts of Linux (Noto CJK, WenQuanYi), the domestic
systems (UOS, Kylin), Windows and macOS. Without one the picture is not drawn (None), rather
than drawn with boxes for characters.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from checker.reports.rates_chart import chart

SCALE = 2
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/fonts-cesi/CESI_HT_GB18030.TTF",        # UOS / Kylin
    "/usr/share/fonts/truetype/cesi/CESI_HT_GB18030.TTF",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
)


@lru_cache(maxsize=1)
def cjk_font_file() -> str | None:
    """A font file that has Chinese characters, or None."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh"], capture_output=True,
                                   text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
        if found and Path(found).is_file() and "dejavu" not in found.lower():
            return found
    return None


def chart_png(report: dict) -> bytes | None:
    """The chart of the report's rates as PNG bytes; None without units or a Chinese font."""
    font_file = cjk_font_file()
    if not report["units"] or font_file is None:
        return None
    from PIL import Image, ImageDraw, ImageFont

    geometry = chart(report)
    image = Image.new("RGB", (int(geometry["width"] * SCALE), int(geometry["height"] * SCALE)), "white")
    draw = ImageDraw.Draw(image)
    small = ImageFont.truetype(font_file, 11 * SCALE)
    label = ImageFont.truetype(font_file, 12 * SCALE)

    def at(x: float, y: float) -> tuple[int, int]:
        return int(x * SCALE), int(y * SCALE)

    left, top, bottom = geometry["plot_left"], geometry["plot_top"], geometry["plot_bottom"]
    for tick in geometry["ticks"]:
        draw.line([at(tick["x"], top), at(tick["x"], bottom)], fill="#dddddd", width=SCALE)
        draw.text(at(tick["x"], bottom + 4), tick["label"], fill="#555555", font=small, anchor="mt")
    for entry in geometry["legend"]:
        draw.rectangle([at(entry["x"], 8), at(entry["x"] + 12, 20)], fill=entry["color"])
        draw.text(at(entry["x"] + 18, 14), entry["label"], fill="#222222", font=label, anchor="lm")
    bar_height = geometry["bar_height"]
    for group in geometry["groups"]:
        draw.text(at(left - 8, group["label_y"]), group["unit"], fill="#222222", font=label, anchor="rm")
        for bar in group["bars"]:
            middle = bar.y + bar_height / 2
            if bar.width is None:
                draw.text(at(bar.x + 4, middle), bar.label, fill="#888888", font=small, anchor="lm")
                continue
            if bar.width > 0:
                draw.rectangle([at(bar.x, bar.y), at(bar.x + bar.width, bar.y + bar_height)], fill=bar.color)
            draw.text(at(bar.x + bar.width + 4, middle), bar.label, fill="#222222", font=small, anchor="lm")
    draw.line([at(left, top), at(left, bottom)], fill="#888888", width=SCALE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
