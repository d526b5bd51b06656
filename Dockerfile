# A slim image that runs `finance-graphql serve` against DATABASE_URL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Dependencies first: this layer is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN mkdir -p src/finance_graphql && touch src/finance_graphql/__init__.py \
    && pip install . && pip uninstall -y finance-graphql && rm -rf src

# Then the application (migrations ship inside the package).
COPY src ./src
RUN pip install --no-deps . && rm -rf src

RUN useradd --system --uid 10001 finance
USER finance
ENV ENVIRONMENT=production
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["finance-graphql", "serve", "--host", "0.0.0.0", "--port", "8000", "--no-demo"]
