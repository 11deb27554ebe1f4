curl -sS -X PATCH "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-12345" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"name": "dev-box", "machine_type": "standard-4"}'
