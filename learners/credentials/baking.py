"""The badge image: a PNG drawn for the course, with the signed credential
baked into an `iTXt` chunk named `openbadgecredential`, as Open Badges 3.0
bakes a credential into a PNG (wallets and backpacks read it from there)."""

import io
import json
import textwrap

from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

KEYWORD = "openbadgecredential"
SIZE = 512
INK = (255, 255, 255)
RIM = (22, 78, 99)
FACE = (32, 120, 140)


def _font(size):
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def badge_png(credential):
    """The PNG bytes of the badge, with `credential` baked in."""
    title = credential["credentialSubject"]["achievement"]["name"]
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=RIM)
    draw.ellipse((40, 40, SIZE - 40, SIZE - 40), fill=FACE)
    draw.text((SIZE // 2, 150), "✓", font=_font(96), fill=INK, anchor="mm")
    lines = textwrap.wrap(title, width=18)[:3]
    for number, line in enumerate(lines):
        draw.text(
            (SIZE // 2, 260 + number * 44), line, font=_font(34), fill=INK, anchor="mm"
        )
    draw.text((SIZE // 2, 420), "COMPLETED", font=_font(24), fill=INK, anchor="mm")
    info = PngImagePlugin.PngInfo()
    info.add_itxt(KEYWORD, json.dumps(credential, ensure_ascii=False))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def baked_credential(png):
    """The credential baked into a PNG (for tests and the import of a
    badge), or None."""
    image = Image.open(io.BytesIO(png))
    text = image.text.get(KEYWORD) if hasattr(image, "text") else None
    return json.loads(text) if text else None
