# The same create, sent twice with the same key (say, a retry after a timeout).
for attempt in 1 2; do
  curl -sS -X POST "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations" \
    -H "Authorization: Bearer $CLOUDWS_TOKEN" \
    -H "Content-Type: application/json" \
    -H 'Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"' \
    -d '{"name": "ml-box", "machine_type": "gpu-t4"}'
done
