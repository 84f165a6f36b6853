"""SAML 2.0 single sign-on through allauth and python3-saml: the service
provider's metadata for the school's identity provider, a log-in that sends
the browser there with an AuthnRequest, and a response nobody signed that
signs nobody in."""

import base64
import datetime
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialApp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import Client
from lxml import etree

pytestmark = pytest.mark.django_db

IDP = "https://idp.school.example"


def idp_certificate():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.school.example")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode()
    return "".join(pem.strip().splitlines()[1:-1])


@pytest.fixture
def client():
    # A real domain: SAML refuses single-label hosts such as "testserver".
    return Client(HTTP_HOST="learn.school.example")


@pytest.fixture
def saml_school(db):
    return SocialApp.objects.create(
        provider="saml",
        provider_id=f"{IDP}/",
        name="School (SAML)",
        client_id="school",
        settings={
            "idp": {
                "entity_id": f"{IDP}/",
                "sso_url": f"{IDP}/sso",
                "x509cert": idp_certificate(),
            },
            "attribute_mapping": {"uid": "uid", "email": "email"},
            "advanced": {"want_assertion_signed": True},
        },
    )


def test_the_service_provider_publishes_its_metadata(client, saml_school):
    response = client.get("/accounts/saml/school/metadata/")

    assert response.status_code == 200
    metadata = etree.fromstring(response.content)
    ns = {"md": "urn:oasis:names:tc:SAML:2.0:metadata"}
    acs = metadata.find(".//md:AssertionConsumerService", ns)
    assert acs.get("Location").endswith("/accounts/saml/school/acs/")


def test_logging_in_sends_an_authn_request_to_the_schools_provider(client, saml_school):
    page = client.get("/accounts/login/")
    assert b"Sign in with School (SAML)" in page.content
    assert IDP in page["Content-Security-Policy"]

    response = client.post("/accounts/saml/school/login/?process=login")

    assert response.status_code == 302
    assert response.url.startswith(f"{IDP}/sso?")
    query = parse_qs(urlsplit(response.url).query)
    request = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15)
    authn = etree.fromstring(request)
    assert authn.tag == "{urn:oasis:names:tc:SAML:2.0:protocol}AuthnRequest"
    assert authn.get("AssertionConsumerServiceURL").endswith(
        "/accounts/saml/school/acs/"
    )


def test_an_unsigned_response_signs_nobody_in(client, saml_school):
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    status = "urn:oasis:names:tc:SAML:2.0:status:Success"
    attributes = "".join(
        f'<saml:Attribute Name="{name}"><saml:AttributeValue>{value}'
        "</saml:AttributeValue></saml:Attribute>"
        for name, value in (("uid", "mallory"), ("email", "head@school.example"))
    )
    forged = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
        xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0"
        IssueInstant="{now}"
        Destination="http://learn.school.example/accounts/saml/school/acs/">
      <saml:Issuer>{IDP}/</saml:Issuer>
      <samlp:Status><samlp:StatusCode Value="{status}"/></samlp:Status>
      <saml:Assertion ID="_a1" Version="2.0" IssueInstant="{now}">
        <saml:Issuer>{IDP}/</saml:Issuer>
        <saml:Subject><saml:NameID>mallory</saml:NameID></saml:Subject>
        <saml:AttributeStatement>{attributes}</saml:AttributeStatement>
      </saml:Assertion>
    </samlp:Response>"""

    response = client.post(
        "/accounts/saml/school/acs/",
        {"SAMLResponse": base64.b64encode(forged.encode()).decode()},
    )

    assert response.status_code < 500
    assert "_auth_user_id" not in client.session
