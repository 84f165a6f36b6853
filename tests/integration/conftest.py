"""A real Celery worker process, on the test's PostgreSQL database and Redis."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from coursesite.celery import app as celery_app

WORKER_START_SECONDS = 30


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Workers:
    """Starts and stops worker processes that share one queue and mail folder."""

    def __init__(self, mail_dir, media_root):
        self.mail_dir, self.media_root = mail_dir, media_root
        self.processes = []

    def env(self):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "coursesite.settings.test",
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "CELERY_RESTORE_INTERVAL": "1",
            "CELERY_RESTORE_THROTTLE": "1",
            # django-environ drops one leading slash from the path.
            "EMAIL_URL": f"filemail:///{self.mail_dir}",
            "MEDIA_ROOT": str(self.media_root),
        }

    def start(self):
        command = [
            sys.executable, "-m", "celery", "-A", "coursesite", "worker",
            "--pool", "solo", "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        log = self.mail_dir.parent / f"worker-{len(self.processes)}.log"
        process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
            command,
            env=self.env(),
            cwd=settings.BASE_DIR,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.processes.append(process)
        self._wait_until_ready(process)
        return process

    def _wait_until_ready(self, process):
        deadline = time.monotonic() + WORKER_START_SECONDS
        while time.monotonic() < deadline:
            if "ready." in process.log.read_text():
                return
            if process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError(
            f"the Celery worker did not start:\n{process.log.read_text()}"
        )

    def logs(self):
        return "\n".join(p.log.read_text() for p in self.processes)

    def kill(self, process):
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()

    def emails(self):
        return [path.read_text() for path in sorted(Path(self.mail_dir).glob("*.log"))]


@pytest.fixture
def workers(tmp_path, media_root):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.fail("worker tests need DATABASE_URL (PostgreSQL) and REDIS_URL")
    # A clean broker database: no message from another test is waiting.
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    reset_broker_connections()
    group = Workers(mail_dir, media_root)
    yield group
    group.stop_all()
    celery_app.conf.task_always_eager = saved


def reset_broker_connections():
    """As Celery does after a fork: the next send connects to the current URL."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def wait_for(condition, seconds=60, every=0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False
