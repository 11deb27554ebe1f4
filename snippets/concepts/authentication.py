import os

import httpx

BASE_URL = os.environ.get(
    "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
)
# In the sandbox, any sandbox token (cws_test_...: see the rules above).
token = os.environ["CLOUDWS_TOKEN"]

r = httpx.get(f"{BASE_URL}/workstations/ws-12345",
              headers={"Authorization": f"Bearer {token}"})
print(r.status_code)
#> 200

# No token, or one that is not valid: 401, and nothing else is looked at.
r = httpx.get(f"{BASE_URL}/workstations/ws-12345")
print(r.status_code, r.json()["code"], r.headers["WWW-Authenticate"])
#> 401 unauthorized Bearer realm="cloudws"
r = httpx.get(f"{BASE_URL}/workstations/ws-12345",
              headers={"Authorization": "Bearer not-a-sandbox-token"})
print(r.status_code, r.json()["code"])
#> 401 unauthorized
