# Comeback Coach: one small image that runs the bot (polling or webhook) as a non-root user,
# with the SQLite database on a volume. Build: docker build -t comeback-coach .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_PATH=/data/bot.sqlite3 \
    MPLCONFIGDIR=/tmp/matplotlib

WORKDIR /app

# Dependencies first (read from pyproject.toml), so a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print(chr(10).join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The bot runs from /app: its code with its templates, data and SQL migrations inside the package.
COPY bot ./bot

# An unprivileged user owns only the data directory.
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin coach \
    && mkdir -p /data && chown coach:coach /data
USER coach
VOLUME ["/data"]

# Webhook mode listens here (WEBHOOK_PORT); polling mode opens no port.
EXPOSE 8443

# Healthy when the database opens read-only and is fully migrated.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

# SIGTERM (docker stop) lets running replies finish and the scheduler finish the message in
# hand; docker's default 10 s grace is enough.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
