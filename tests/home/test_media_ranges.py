"""Audio and video documents are served in byte ranges, so players can seek."""

from django.core.files.base import ContentFile
from django.test import RequestFactory
from wagtail.documents import get_document_model

from home.files import ranged_file_response

DATA = bytes(range(256)) * 40  # 10,240 bytes


def served(range_header=None):
    document = get_document_model()(title="clip")
    document.file.save("clip.mp4", ContentFile(DATA), save=False)
    headers = {"HTTP_RANGE": range_header} if range_header else {}
    request = RequestFactory().get("/documents/1/clip.mp4", **headers)
    return ranged_file_response(request, document.file, "video/mp4")


def test_a_range_gets_exactly_those_bytes(db):
    response = served("bytes=100-199")

    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 100-199/10240"
    assert response.content == DATA[100:200]


def test_an_open_range_and_a_suffix_range(db):
    assert served("bytes=10000-").content == DATA[10000:]
    assert served("bytes=-40").content == DATA[-40:]


def test_a_range_past_the_end_is_refused(db):
    response = served("bytes=20000-")

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */10240"


def test_without_a_range_the_whole_file_says_ranges_are_accepted(db):
    response = served()

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert b"".join(response.streaming_content) == DATA
