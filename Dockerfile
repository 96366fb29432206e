# Comeback Coach: one small image that runs the bot (polling or webhook) as a non-root user,
# with the SQLite database on a volume. Build: docker build -t comeback-coach .
FROM python:3.11-slim

# COACH_DATA_DIR: the database always lives in this folder, the volume, whatever DATABASE_PATH
# an --env-file says (only its file name is used): see bot/ops/datadir.py.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MPLCONFIGDIR=/tmp/matplotlib \
    COACH_DATA_DIR=/data

WORKDIR /app

# Dependencies first, at the locked versions and checked against their hashes (the same lock
# `make test` installs), so two builds a week apart ship the same code and a code change does
# not reinstall them. Refresh it with `make lock` (README, "Dependencies").
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

# The bot runs from /app: its code with its templates, data and SQL migrations inside the package.
COPY bot ./bot

# An unprivileged user with a fixed uid and gid (10001:10001), so a bind mount can be chowned
# to it ahead of time; it owns only the data directory.
RUN groupadd --system --gid 10001 coach \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin coach \
    && mkdir -p /data && chown 10001:10001 /data
USER 10001:10001
VOLUME ["/data"]

# Webhook mode listens here (WEBHOOK_PORT); polling mode opens no port.
EXPOSE 8443

# Healthy when the database passes quick_check and is fully migrated, and the running bot's
# heartbeat (event loop, and getUpdates when polling) is under a minute old.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

# SIGTERM (docker stop) lets running replies finish and the scheduler finish the message in
# hand; docker's default 10 s grace is enough.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
