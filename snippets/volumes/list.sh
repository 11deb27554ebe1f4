curl -sS \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/volumes?limit=2" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
