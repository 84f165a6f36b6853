"""The scripts of the demo lesson videos: each is a list of slides (a
heading and the words said over it, for a number of seconds). The captions
(WebVTT) and transcripts come from the same script as the picture, so they
always match; `python -m demo.media.render` draws the WebM files."""

from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class Slide:
    heading: str
    words: str
    seconds: int


@dataclass(frozen=True)
class Video:
    slug: str
    title: str
    colour: str
    slides: tuple

    @property
    def path(self):
        return FOLDER / f"{self.slug}.webm"

    @property
    def seconds(self):
        return sum(slide.seconds for slide in self.slides)

    @property
    def transcript(self):
        return " ".join(slide.words for slide in self.slides)

    def captions(self):
        """The video's captions as a WebVTT file, one cue per slide."""
        cues, start = ["WEBVTT", ""], 0
        for number, slide in enumerate(self.slides, start=1):
            end = start + slide.seconds
            cues += [str(number), f"{_stamp(start)} --> {_stamp(end)}", slide.words, ""]
            start = end
        return "\n".join(cues)


def _stamp(seconds):
    minutes, seconds = divmod(seconds, 60)
    return f"00:{minutes:02d}:{seconds:02d}.000"


VIDEOS = {
    video.slug: video
    for video in (
        Video(
            "python-welcome",
            "Welcome to the course",
            "#1f5f8b",
            (
                Slide("Welcome", "Hello and welcome to Python for beginners.", 4),
                Slide(
                    "Small programs",
                    "You will learn Python by writing small programs that do "
                    "useful things.",
                    5,
                ),
                Slide(
                    "Lessons in order",
                    "Each lesson takes ten minutes or less, and they open in order.",
                    5,
                ),
                Slide(
                    "What you will build",
                    "By the end you will have a tool that tidies a shopping list.",
                    5,
                ),
                Slide("Let's start", "Let's install Python and write some code.", 4),
            ),
        ),
        Video(
            "sql-shop-database",
            "Meet the shop database",
            "#2d6a4f",
            (
                Slide("The shop", "Our shop keeps its data in three tables.", 4),
                Slide("customers", "Customers: who buys from us.", 4),
                Slide("orders", "Orders: what they paid, and when.", 4),
                Slide("products", "Products: everything we sell.", 4),
                Slide(
                    "Every question",
                    "Every question in this course is answered from these three "
                    "tables.",
                    5,
                ),
            ),
        ),
        Video(
            "writing-scanning",
            "How readers scan a page",
            "#7b2cbf",
            (
                Slide("Readers scan", "Most readers do not read a web page.", 4),
                Slide(
                    "Headings first",
                    "They look at the first words of headings and paragraphs.",
                    5,
                ),
                Slide(
                    "Then they decide",
                    "Then they decide whether to keep going.",
                    4,
                ),
                Slide(
                    "Put the point first",
                    "So put the point first, where the eye lands.",
                    5,
                ),
            ),
        ),
    )
}
