curl -sS -X POST \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"name": "ml-box", "machine": "gpu-t4", "status": "stopped"}'
