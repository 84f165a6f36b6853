"""Files on S3 (moto in server mode): lesson PDFs go out as signed URLs,
only after the access policy has said yes."""

import socket
import urllib.request

import boto3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from moto.server import ThreadedMotoServer
from wagtail.documents import get_document_model

from learners.models import Enrollment
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

BUCKET = "course-media"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, monkeypatch, settings):
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    storage = {
        **settings.S3_STORAGE,
        "OPTIONS": {
            **settings.S3_STORAGE["OPTIONS"],
            "bucket_name": BUCKET,
            "endpoint_url": s3_endpoint,
            "region_name": "us-east-1",
        },
    }
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    return client


def test_a_lesson_pdf_on_s3_is_a_signed_url_for_the_enrolled_only(
    client, catalogue, s3
):
    Document = get_document_model()
    workbook = Document.objects.create(
        title="Workbook", file=ContentFile(b"%PDF-1.4 s3 workbook", name="workbook.pdf")
    )
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert workbook.file.name in keys
    course = CoursePageFactory(
        parent=catalogue, slug="cloud", pricing_type="paid", price=1000
    )
    LessonPageFactory(
        parent=SectionPageFactory(parent=course, slug="s"),
        slug="files",
        body=[
            {
                "type": "pdf",
                "id": "p",
                "value": {"document": workbook.pk, "height": 600},
            }
        ],
    )

    client.force_login(learner(username="outsider"))
    assert client.get(workbook.url).status_code == 403

    buyer = learner(username="buyer")
    enrolled(buyer, course, Enrollment.Source.PURCHASE)
    client.force_login(buyer)
    response = client.get(workbook.url)

    assert response.status_code == 302
    signed = response.url
    assert signed.startswith(settings.STORAGES["default"]["OPTIONS"]["endpoint_url"])
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    with urllib.request.urlopen(signed) as remote:  # noqa: S310 - local moto server
        assert remote.read() == b"%PDF-1.4 s3 workbook"
    unsigned = signed.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(unsigned)  # noqa: S310 - private object, no signature
