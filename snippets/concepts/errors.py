import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# Branch on the status class and the machine-readable code, never on the text.
r = client.delete("/workstations/ws-67890")
if r.is_error:
    problem = r.json()
    print(r.headers["Content-Type"])
    #> application/problem+json
    print(problem["status"], problem["code"])
    #> 409 workstation_not_stopped
    if problem["code"] == "workstation_not_stopped":
        stopped = client.post("/workstations/ws-67890/stop").raise_for_status()
        r = client.delete("/workstations/ws-67890")

print(r.status_code, r.json()["status"])
#> 200 deleted
