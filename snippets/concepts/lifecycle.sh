# Change the machine type of the running ws-67890: stop, update, start.
curl -sS -X POST \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-67890/stop" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
curl -sS -X PATCH \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-67890" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"machine_type": "standard-4"}'
curl -sS -X POST \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-67890/start" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
