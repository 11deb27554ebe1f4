curl -sS \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-12345" \
  -H "Authorization: Bearer not-a-sandbox-token"
