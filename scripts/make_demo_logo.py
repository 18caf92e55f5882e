"""Draw the demo organisation's logo (Gemeente Lindendal): a linden leaf on a
green shield with the name beside it. Run once; the PNG is committed.

    .venv/bin/python scripts/make_demo_logo.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / (
    "hr_goede_gesprek/static/src/img/gemeente_lindendal_logo.png"
)
GREEN = (46, 125, 50)
DARK = (33, 33, 33)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def main():
    img = Image.new("RGBA", (720, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    # the shield
    draw.polygon([(20, 20), (160, 20), (160, 110), (90, 180), (20, 110)], fill=GREEN)
    # a linden leaf: a heart shape and its stem
    draw.ellipse((52, 48, 96, 96), fill="white")
    draw.ellipse((84, 48, 128, 96), fill="white")
    draw.polygon([(56, 82), (124, 82), (90, 140)], fill="white")
    draw.line([(90, 70), (90, 160)], fill=GREEN, width=5)
    try:
        big = ImageFont.truetype(FONT, 64)
        small = ImageFont.truetype(FONT, 34)
    except OSError:
        big = small = ImageFont.load_default()
    draw.text((190, 30), "Gemeente", font=small, fill=GREEN)
    draw.text((186, 72), "Lindendal", font=big, fill=DARK)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    img.save(OUT, optimize=True)
    print(OUT)


if __name__ == "__main__":
    main()
