"""Starts openfun's ralph LRS (run by the LRS virtualenv's Python, not the
site's) on its file-system backend, with one change: statements are
appended to the store's file. Ralph 5.1.0's file-system LRS opens that file
with "create", which refuses every statement after the first; the LRS
itself (validation, authentication, duplicate ids, queries) is ralph's."""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]))
