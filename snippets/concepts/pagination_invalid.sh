curl -sS \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/volumes?limit=0&cursor=not-a-cursor" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
