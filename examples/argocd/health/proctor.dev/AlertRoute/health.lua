-- Argo CD health of a Proctor AlertRoute (proctor.dev/v1alpha1).
-- Degraded when Ready=False (a receiver's Secret or key is missing, or the routes are invalid) or when a
-- receiver's circuit breaker is open (deliveries to it keep failing); Healthy when every receiver resolves;
-- Progressing until the operator has checked the current generation.
local hs = {}

local function condition(status, type)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local status = obj.status
local generation = obj.metadata.generation
local ready = nil
if status ~= nil then
  ready = condition(status, "Ready")
end
if ready == nil or status.observedGeneration == nil
    or (generation ~= nil and status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Proctor operator to check the route"
  return hs
end

if ready.status == "False" then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. (ready.message or "")
  return hs
end

if status.receivers ~= nil then
  for _, r in ipairs(status.receivers) do
    if r.circuit == "open" then
      hs.status = "Degraded"
      hs.message = "Receiver " .. r.name .. ": circuit open"
      if r.lastError ~= nil and r.lastError ~= "" then
        hs.message = hs.message .. " (last error: " .. r.lastError .. ")"
      end
      return hs
    end
  end
end

hs.status = "Healthy"
local count = status.receiverCount or 0
if count == 1 then
  hs.message = "1 receiver ready"
else
  hs.message = count .. " receivers ready"
end
return hs
