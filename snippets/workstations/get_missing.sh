curl -sS \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-00000" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
