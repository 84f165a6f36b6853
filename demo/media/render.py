"""Draw the demo lesson videos as WebM (VP8) files from their scripts, with
Pillow for the pictures and PyAV (FFmpeg's libraries, a development
dependency) for the encoding: `python -m demo.media.render`. The files
are committed, so the demo needs neither PyAV nor a network."""

import sys

from PIL import Image, ImageDraw, ImageFont

from .videos import VIDEOS

WIDTH, HEIGHT, FPS = 640, 360, 10


def frames(video):
    """Every picture of the video: the slide's heading and words on the
    course colour, and a bar that shows how far the video has got."""
    heading_font = ImageFont.load_default(size=44)
    words_font = ImageFont.load_default(size=22)
    small_font = ImageFont.load_default(size=16)
    total = video.seconds * FPS
    shown = 0
    for slide in video.slides:
        for _ in range(slide.seconds * FPS):
            picture = Image.new("RGB", (WIDTH, HEIGHT), video.colour)
            draw = ImageDraw.Draw(picture)
            draw.text((40, 30), video.title, fill="#e8eef3", font=small_font)
            draw.text((40, 110), slide.heading, fill="white", font=heading_font)
            draw.multiline_text(
                (40, 190), _wrapped(slide.words, 46), fill="white", font=words_font
            )
            draw.rectangle((0, HEIGHT - 8, WIDTH, HEIGHT), fill="#00000055")
            draw.rectangle(
                (0, HEIGHT - 8, WIDTH * shown // total, HEIGHT), fill="#ffd166"
            )
            shown += 1
            yield picture


def _wrapped(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def render(video):
    import av  # PyAV is a dev-only dependency: only this script needs it

    with av.open(str(video.path), mode="w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.bit_rate = 150_000
        for picture in frames(video):
            frame = av.VideoFrame.from_image(picture)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return video.path


if __name__ == "__main__":
    for slug in sys.argv[1:] or VIDEOS:
        print(render(VIDEOS[slug]))
