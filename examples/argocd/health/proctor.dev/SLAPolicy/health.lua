-- Argo CD health of a Proctor SLAPolicy (proctor.dev/v1alpha1).
-- Degraded when the policy cannot be evaluated or fails its gate (Ready=False), while an incident is open or
-- acknowledged, or when an objective is breached (Compliant=False); Healthy when every objective with data is
-- met; Progressing until the operator has evaluated the current generation.
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
if status == nil or status.observedGeneration == nil
    or (generation ~= nil and status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Proctor operator to evaluate the policy"
  return hs
end

local ready = condition(status, "Ready")
if ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. (ready.message or "")
  return hs
end

local open = status.openIncidents or 0
if open > 0 then
  hs.status = "Degraded"
  local first = nil
  if status.incidents ~= nil then
    for _, i in ipairs(status.incidents) do
      if i.state == "Open" or i.state == "Acknowledged" then
        first = i
        break
      end
    end
  end
  local noun = "incidents"
  if open == 1 then
    noun = "incident"
  end
  hs.message = open .. " active " .. noun
  if first ~= nil then
    hs.message = hs.message .. ": " .. first.id .. " (" .. (first.severity or "?") .. ", " .. first.state .. ")"
    if first.summary ~= nil and first.summary ~= "" then
      hs.message = hs.message .. " " .. first.summary
    end
  end
  return hs
end

local compliant = condition(status, "Compliant")
if (compliant ~= nil and compliant.status == "False") or status.compliant == false then
  hs.status = "Degraded"
  if compliant ~= nil and compliant.message ~= nil and compliant.message ~= "" then
    -- the operator writes "breached: <objective>, <objective>"
    hs.message = "Objectives breached: " .. (string.gsub(compliant.message, "^breached: ", ""))
  else
    hs.message = "Objectives breached"
  end
  return hs
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Proctor operator to evaluate the policy"
  return hs
end

hs.status = "Healthy"
hs.message = "Every objective with data is met"
if status.budgetRemaining ~= nil then
  hs.message = hs.message .. "; lowest error budget remaining " .. status.budgetRemaining
end
return hs
