import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# Every workstation, one at a time: follow next_cursor until it is null.
params = {"limit": 1}
while True:
    page = client.get("/workstations", params=params).json()
    print([w["id"] for w in page["data"]], page["next_cursor"])
    #> ['ws-12345'] s4-ZJd-vzYLOhhT9fzjbze_g
    #> ['ws-67890'] None
    if page["next_cursor"] is None:
        break
    params["cursor"] = page["next_cursor"]

# Only the running ones.
running = client.get("/workstations", params={"status": "running"}).json()
print([w["id"] for w in running["data"]])
#> ['ws-67890']
