curl -sS -X POST \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-67890/stop" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
