import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# ws-67890 is running; stop it.
r = client.post("/workstations/ws-67890/stop")
print(r.status_code, r.json()["status"])
#> 200 stopped

# Stopping it again changes nothing, and also answers 200.
r = client.post("/workstations/ws-67890/stop")
print(r.status_code, r.json()["status"])
#> 200 stopped
