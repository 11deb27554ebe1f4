curl -sS \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-12345/delete" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
