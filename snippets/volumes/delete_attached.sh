curl -sS -X DELETE \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/volumes/vol-data12345" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
