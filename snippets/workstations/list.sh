curl -sS \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations?status=running" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
