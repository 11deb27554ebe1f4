curl -sS -X POST "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/volumes" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"size_gb": 100, "size_gb": 200}'
