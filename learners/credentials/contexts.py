"""The JSON-LD document loader credentials are canonicalised with: the
contexts written out of their npm packages at install time
(tools/export-jsonld-contexts.mjs), and nothing else. A credential naming
any other context is refused; nothing is ever fetched."""

import json
from functools import cache

from django.conf import settings
from pyld.jsonld import JsonLdError

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


@cache
def _contexts(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def known_contexts():
    return _contexts(settings.JSONLD_CONTEXTS_FILE)


def document_loader(url, options=None):
    contexts = known_contexts()
    if url not in contexts:
        raise JsonLdError(
            f"Unknown context {url}",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": contexts[url]}
