"""The production web server (also what bin/run starts). Sync workers: one request at a time
per process, so each process holds at most one database connection (kept for CONN_MAX_AGE
seconds): connections = workers × replicas, never one idle connection per thread."""

import os

from portal import logs

bind = os.environ.get("WEB_ADDRESS", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"
threads = 1
timeout = 30  # a request that takes longer is a bug; the worker is replaced
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory), staggered
max_requests_jitter = 200
# Refuse oversized request lines and headers before Django sees them.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# The access log names the path only: query strings may carry search terms about a person.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# gunicorn 27's control socket defaults to $HOME/.gunicorn (read-only in the image, shared by
# every gunicorn on a host); nothing here uses it.
control_socket_disable = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# With LOG_FORMAT=json (the production default) gunicorn's own lines are JSON objects too, with
# the request id and masked like the application's (portal/logs.py); in text, the id ends the line.
environment = os.environ.get("SIGNALERING_ENV", "production")
if os.environ.get("LOG_FORMAT", logs.default_format(environment)) == "json":
    logconfig_dict = logs.gunicorn_config(os.environ.get("LOG_LEVEL", "INFO"))
else:
    access_log_format += " %({x-request-id}o)s"


def on_starting(server):  # noqa: ANN001, ANN201 - gunicorn's hook
    """A fresh start counts from zero: the previous run's metric files go."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory and os.path.isdir(directory):
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))


def child_exit(server, worker):  # noqa: ANN001, ANN201 - gunicorn's hook
    """Several workers share /metrics through PROMETHEUS_MULTIPROC_DIR (an empty directory,
    set before gunicorn starts): a worker that ends stops counting in live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
