# The same create, sent twice with the same key (say, a retry after a timeout).
for attempt in 1 2; do
  curl -sS -X POST "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/volumes" \
    -H "Authorization: Bearer $CLOUDWS_TOKEN" \
    -H "Content-Type: application/json" \
    -H 'Idempotency-Key: "5b0c1f3e-8d2a-4c47-9e61-0f7a2d9b4c18"' \
    -d '{"size_gb": 250}'
done
