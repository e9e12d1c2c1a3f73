{{/* Names ------------------------------------------------------------------------------------------------ */}}

{{- define "proctor.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "proctor.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Cluster-scoped objects carry the release namespace: two releases of the same name must not collide. */}}
{{- define "proctor.clusterName" -}}
{{- printf "%s-%s" (include "proctor.fullname" .) .Release.Namespace -}}
{{- end -}}

{{- define "proctor.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "proctor.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "proctor.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels ----------------------------------------------------------------------------------------------- */}}

{{- define "proctor.selectorLabels" -}}
app.kubernetes.io/name: {{ include "proctor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "proctor.labels" -}}
helm.sh/chart: {{ include "proctor.chart" . }}
app.kubernetes.io/name: {{ include "proctor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: proctor
{{- end -}}

{{/* Images ----------------------------------------------------------------------------------------------- */}}

{{- define "proctor.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "proctor.runnerImage" -}}
{{- printf "%s:%s" .Values.runner.image.repository (default .Chart.AppVersion .Values.runner.image.tag) -}}
{{- end -}}

{{/* Namespaces ------------------------------------------------------------------------------------------- */}}

{{/* The watched namespaces, de-duplicated, as a JSON list ([] = all namespaces). */}}
{{- define "proctor.watchNamespaces" -}}
{{- .Values.watchNamespaces | uniq | toJson -}}
{{- end -}}

{{/* Where Secrets may be read: JSON list, [] = wherever the namespaced rules apply (all watched namespaces). */}}
{{- define "proctor.secretNamespaces" -}}
{{- $watch := .Values.watchNamespaces | uniq -}}
{{- $secrets := .Values.rbac.secretNamespaces | uniq -}}
{{- range $secrets -}}
{{- if and $watch (not (has . $watch)) -}}
{{- fail (printf "rbac.secretNamespaces: %q is not among watchNamespaces %v: the operator never sees AlertRoutes there" . $watch) -}}
{{- end -}}
{{- end -}}
{{- $secrets | toJson -}}
{{- end -}}

{{/* Namespaces that get the runner ServiceAccount, as a JSON list. */}}
{{- define "proctor.runnerNamespaces" -}}
{{- if .Values.watchNamespaces -}}
{{- concat .Values.watchNamespaces .Values.runner.serviceAccount.namespaces | uniq | toJson -}}
{{- else -}}
{{- concat (list .Release.Namespace) .Values.runner.serviceAccount.namespaces | uniq | toJson -}}
{{- end -}}
{{- end -}}

{{/* RBAC ------------------------------------------------------------------------------------------------- */}}

{{/*
The operator's rules in the namespaces it watches. Each rule is what a code path needs (docs/installing.md has
the table with file:method for every verb); nothing is granted "just in case".
*/}}
{{- define "proctor.rbac.namespacedRules" -}}
# TestSuiteRun: primary informer (testsuiterun controller), the SLAPolicy and TestSuiteSchedule controllers' run
# informers; a new run the suite label policy did not label gets its proctor.dev/suite label (a merge patch, which
# the client reads the run for); a schedule creates a run per slot and deletes the ones Replace stops or its history
# limits prune; a run past its ttlSecondsAfterFinished is deleted
- apiGroups: ["proctor.dev"]
  resources: ["testsuiteruns"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# TestSuiteSchedule: primary informer; the run-now annotation is cleared with a merge patch once its run exists
- apiGroups: ["proctor.dev"]
  resources: ["testsuiteschedules"]
  verbs: ["get", "list", "watch", "patch"]
# status writes are server-side apply patches of the status subresource
- apiGroups: ["proctor.dev"]
  resources: ["testsuiteruns/status", "slapolicies/status", "alertroutes/status", "testsuiteschedules/status"]
  verbs: ["patch"]
# Jobs and the plan ConfigMap are owned by their run, and a schedule's runs by their schedule, with
# blockOwnerDeletion: true, which the API server allows only to whom may update the owner's finalizers
# (OwnerReferencesPermissionEnforcement, e.g. on OpenShift)
- apiGroups: ["proctor.dev"]
  resources: ["testsuiteruns/finalizers", "testsuiteschedules/finalizers"]
  verbs: ["update"]
# SLAPolicy: primary informer; gate check lists a namespace's policies when a run finishes
# AlertRoute: primary informer and the SLAPolicy controller's route informer
- apiGroups: ["proctor.dev"]
  resources: ["slapolicies", "alertroutes"]
  verbs: ["list", "watch"]
# one Job per shard attempt: informer (label proctor.dev/run), a direct read of a Job the cache has not seen yet,
# create, and delete of an attempt that must stop
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "delete"]
# shard pods are only observed (status and termination message), never changed
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
# plan ConfigMap (create), suite history and SLA policy state (get, create, update with resourceVersion)
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "create", "update"]
# Events on runs, policies and routes
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}

{{- define "proctor.rbac.secretRules" -}}
# one key of a Secret an AlertRoute receiver references (URL, routing key, signing key); never listed or watched
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- end -}}

{{/* Quantities ----------------------------------------------------------------------------------------- */}}

{{/* A Kubernetes quantity as a float (bytes, or cores for cpu); "" when its suffix is not a plain one. */}}
{{- define "proctor.quantity" -}}
{{- $q := toString . -}}
{{- $number := regexFind "^[0-9]+(\\.[0-9]+)?" $q -}}
{{- $suffix := trimPrefix $number $q -}}
{{- $factors := dict "" 1.0 "m" 0.001 "k" 1e3 "M" 1e6 "G" 1e9 "T" 1e12 "Ki" 1024.0 "Mi" 1048576.0 "Gi" 1073741824.0 "Ti" 1099511627776.0 -}}
{{- if and $number (hasKey $factors $suffix) -}}
{{- mulf (float64 $number) (get $factors $suffix) -}}
{{- end -}}
{{- end -}}

{{/*
Runner pods are created by the Job controller long after install, so a request above its limit would only show as
runs that never start: refuse it here. Helm merges maps, so raising a default request keeps the default limit.
*/}}
{{- define "proctor.checkRunnerResources" -}}
{{- $r := .Values.runner.resources | default dict -}}
{{- range $resource := list "cpu" "memory" -}}
{{- $request := get ($r.requests | default dict) $resource -}}
{{- $limit := get ($r.limits | default dict) $resource -}}
{{- if and $request $limit -}}
{{- $rq := include "proctor.quantity" $request -}}
{{- $lq := include "proctor.quantity" $limit -}}
{{- if and $rq $lq (gt (float64 $rq) (float64 $lq)) -}}
{{- fail (printf "runner.resources: requests.%s %v is above limits.%s %v (helm merges maps: raising a default request keeps the default limit, set both)" $resource $request $resource $limit) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
