curl -s -X DELETE "https://api.cloudworkstation.example.com/v1/workstations/ws-67890" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
