"""Pictures the demo draws for itself: course covers and instructor portraits."""

import io
import math

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model


def course_image(spec):
    """A generated cover image, reused when it already exists."""
    Image = get_image_model()
    title = f"Cover: {spec['title']}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    start, end = (_rgb(colour) for colour in spec["colours"])
    picture = PILImage.new("RGB", (1280, 720))
    draw = ImageDraw.Draw(picture)
    for x in range(1280):
        mix = x / 1279
        colour = tuple(
            round(a + (b - a) * mix) for a, b in zip(start, end, strict=True)
        )
        draw.line([(x, 0), (x, 720)], fill=colour)
    font = ImageFont.load_default(size=64)
    draw.text((80, 300), spec["title"], fill="white", font=font)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    # ImageFile lets Wagtail read the width and height as the file is assigned.
    image = Image(title=title, file=ImageFile(buffer, name=f"{spec['slug']}-cover.png"))
    image.save()
    return image


def avatar_image(user):
    """A round portrait with the user's initials, drawn here (no photo needed)."""
    picture = PILImage.new("RGB", (256, 256), "#f5f7f9")
    draw = ImageDraw.Draw(picture)
    draw.ellipse((0, 0, 255, 255), fill="#1f5f8b")
    initials = f"{user.first_name[:1]}{user.last_name[:1]}".upper()
    font = ImageFont.load_default(size=110)
    draw.text((128, 128), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=f"{user.username}.png")


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def badge_image(name, colour, symbol):
    """A round medal with a symbol, reused when it already exists."""
    Image = get_image_model()
    title = f"Badge: {name}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PILImage.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((8, 8, 248, 248), fill=colour)
    draw.ellipse((28, 28, 228, 228), outline="white", width=8)
    if symbol == "star":
        draw.polygon(_star_points(128, 128, 70, 28), fill="white")
    elif symbol == "check":
        draw.line([(80, 132), (114, 166), (180, 92)], fill="white", width=22)
    else:  # digits and letters: the default font has them
        font = ImageFont.load_default(size=96)
        draw.text((128, 128), symbol, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    slug = name.lower().replace(" ", "-")
    image = Image(title=title, file=ImageFile(buffer, name=f"badge-{slug}.png"))
    image.save()
    return image


def _star_points(x, y, outer, inner):
    """A five-pointed star's corners, point up."""
    points = []
    for corner in range(10):
        radius = outer if corner % 2 == 0 else inner
        angle = math.pi / 2 + corner * math.pi / 5
        points.append((x + radius * math.cos(angle), y - radius * math.sin(angle)))
    return points
