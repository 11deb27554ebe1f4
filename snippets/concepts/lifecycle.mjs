const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

// Change the machine type of the running ws-67890: stop, update, start.
const url = `${BASE_URL}/workstations/ws-67890`;
const call = async (method, path = "", body) => {
  const init = { method, headers: body ? json : headers, body: JSON.stringify(body) };
  const r = await fetch(url + path, init);
  return r.json();
};
console.log((await call("GET")).status);
//> running
console.log((await call("POST", "/stop")).status);
//> stopped
console.log((await call("PATCH", "", { machine_type: "standard-4" })).machine_type);
//> standard-4
console.log((await call("POST", "/start")).status);
//> running
