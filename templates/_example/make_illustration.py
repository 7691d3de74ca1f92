"""Draw the example campaign's illustration (no photo of a real person is shipped).

    python templates/_example/make_illustration.py

Writes girl-walking-to-school.jpg (beside this script): a girl walking to a school on a hill at sunrise,
1600×1200, drawn with Pillow. Replace it with your own photo (with consent).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 1600, 1200


def main() -> None:
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    for y in range(H):  # sunrise sky
        t = y / H
        draw.line([(0, y), (W, y)], fill=(int(255 - 40 * t), int(190 - 60 * t), int(120 + 60 * t)))
    draw.ellipse([1080, 250, 1360, 530], fill=(255, 236, 170))
    draw.ellipse([-300, 640, 1100, 1500], fill=(96, 150, 72))  # hills
    draw.ellipse([600, 700, 2100, 1500], fill=(70, 125, 60))
    draw.rectangle([1180, 560, 1460, 760], fill=(236, 226, 205))  # school
    draw.polygon([(1150, 570), (1320, 450), (1490, 570)], fill=(170, 60, 50))
    draw.rectangle([1290, 660, 1350, 760], fill=(110, 70, 50))
    draw.rectangle([1210, 600, 1260, 640], fill=(120, 170, 210))
    draw.rectangle([1380, 600, 1430, 640], fill=(120, 170, 210))
    path = [(0, 1200), (380, 900), (760, 820), (1230, 760)]  # the path to school
    draw.line(path, fill=(214, 190, 140), width=70, joint="curve")
    cx, base = 860, 930  # the girl
    draw.ellipse([cx - 38, base - 330, cx + 38, base - 250], fill=(92, 58, 40))
    draw.polygon([(cx - 60, base - 240), (cx + 60, base - 240), (cx + 85, base - 60),
                  (cx - 85, base - 60)], fill=(230, 60, 80))
    draw.rectangle([cx + 35, base - 235, cx + 95, base - 130], fill=(40, 90, 160))
    draw.rectangle([cx - 45, base - 60, cx - 15, base], fill=(92, 58, 40))
    draw.rectangle([cx + 15, base - 60, cx + 45, base], fill=(92, 58, 40))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    image.save(Path(__file__).with_name("girl-walking-to-school.jpg"), quality=86)


if __name__ == "__main__":
    main()
