# GitHub OIDC roles for cognito-sso-action, the same as cloudformation.yml (docs/iam.md): one role per kind
# of workflow run, each trusting exactly the `sub` claims of the example workflows that use it.
#   terraform init && terraform apply -var github_owner=acme -var github_repo=openmetadata-infra
# policies/*.json are generated from docs/iam.md's policies (integration.json from all three, plus what
# .github/workflows/integration.yml and its sweeper need): `npm run iam-templates`.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "github_owner" {
  type        = string
  description = "The repository's owner as its OIDC sub claim names it: the organisation or user (acme), or, where the claim is immutable (repositories created from 15 July 2026, or opted in), the name, @ and the owner's ID (acme@123456)."
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]*(@[0-9]+)?$", var.github_owner))
    error_message = "github_owner: an owner's name (letters, digits, hyphens; _ in an enterprise-managed user's), optionally followed by @ and its numeric ID."
  }
}

variable "github_repo" {
  type        = string
  description = "The repository's name as its OIDC sub claim names it: the name (openmetadata-infra), or, where the claim is immutable, the name, @ and the repository's ID (openmetadata-infra@789012)."
  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+(@[0-9]+)?$", var.github_repo))
    error_message = "github_repo: a repository's name (letters, digits, . _ -), optionally followed by @ and its numeric ID."
  }
}

variable "role_name_prefix" {
  type        = string
  default     = "cognito-sso"
  description = "The roles are <prefix>-apply, -plan, -read, -destroy, -preview, -preview-destroy and -integration (the example workflows use cognito-sso)."
}

variable "apply_environment" {
  type        = string
  default     = ""
  description = "Optional GitHub environment whose jobs may also assume the apply role (e.g. production). Empty: only the main branch."
}

variable "destroy_environment" {
  type        = string
  default     = "cognito-sso-destroy"
  description = "The GitHub environment whose jobs, and only those, may assume the destroy role; give it required reviewers."
}

variable "existing_oidc_provider_arn" {
  type        = string
  default     = ""
  description = "ARN of this account's existing token.actions.githubusercontent.com provider. Empty: create it."
}

variable "create_destroy_role" {
  type        = bool
  default     = false
  description = "Also create the destroy role (mode destroy, from the destroy_environment environment only)."
}

variable "create_preview_roles" {
  type        = bool
  default     = false
  description = "Also create the preview and preview-destroy roles, trusted for every pull request from a branch of the repository (docs/iam.md says what that allows)."
}

variable "create_integration_role" {
  type        = bool
  default     = false
  description = "Also create the role of the action's own integration workflow (.github/workflows/integration.yml), trusted for the main branch (its schedule and manual runs). It creates and deletes test pools: only for the action's repository or a fork testing it, never in a production account."
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.existing_oidc_provider_arn == "" ? 1 : 0
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  # AWS provider versions before 5.81.0 (December 2024, hashicorp/terraform-provider-aws#37255) require a
  # thumbprint. IAM ignores it for GitHub, whose certificate it checks against its own trusted CAs; these
  # are GitHub's two intermediate certificates' (aws-actions/configure-aws-credentials#357).
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
}

locals {
  provider_arn = var.existing_oidc_provider_arn != "" ? var.existing_oidc_provider_arn : aws_iam_openid_connect_provider.github[0].arn
  # The sub claim's repository part: repo:OWNER/REPO, or repo:OWNER@ID/REPO@ID for an immutable claim.
  repo           = "repo:${var.github_owner}/${var.github_repo}"
  apply_subjects = var.apply_environment == "" ? ["ref:refs/heads/main"] : ["ref:refs/heads/main", "environment:${var.apply_environment}"]
  # Each role: the policy it carries (policies/<policy>.json), whether it is created, and the subjects
  # (after repo:OWNER/REPO:) it trusts, which are the claims of the example workflows that use it.
  roles = {
    apply             = { policy = "apply", create = true, subjects = local.apply_subjects, description = "cognito-sso-action mode apply, from the main branch (deploy, openmetadata, later-job)" }
    plan              = { policy = "plan", create = true, subjects = ["pull_request"], description = "cognito-sso-action mode plan (read-only), from pull requests (plan)" }
    read              = { policy = "plan", create = true, subjects = ["ref:refs/heads/main"], description = "cognito-sso-action modes plan and plan-destroy (read-only), from the main branch (drift, later-job, destroy)" }
    destroy           = { policy = "destroy", create = var.create_destroy_role, subjects = ["environment:${var.destroy_environment}"], description = "cognito-sso-action mode destroy, from the destroy_environment environment (destroy)" }
    preview           = { policy = "apply", create = var.create_preview_roles, subjects = ["pull_request"], description = "cognito-sso-action mode apply for pull-request previews (preview)" }
    "preview-destroy" = { policy = "destroy", create = var.create_preview_roles, subjects = ["pull_request"], description = "cognito-sso-action mode destroy for pull-request previews (the preview's closed job)" }
    integration       = { policy = "integration", create = var.create_integration_role, subjects = ["ref:refs/heads/main"], description = "cognito-sso-action integration workflow (real AWS), from the main branch (integration.yml)" }
  }
  created = { for name, role in local.roles : name => role if role.create }
}

resource "aws_iam_policy" "this" {
  for_each    = toset(distinct(concat(["apply", "plan", "destroy"], [for role in local.created : role.policy])))
  name_prefix = "${var.role_name_prefix}-${each.key}-"
  description = each.key == "integration" ? "cognito-sso-action integration workflow (docs/integration.md)" : "cognito-sso-action mode ${each.key} (docs/iam.md)"
  policy      = file("${path.module}/policies/${each.key}.json")
}

data "aws_iam_policy_document" "trust" {
  for_each = local.created
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [for subject in each.value.subjects : "${local.repo}:${subject}"]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each             = local.created
  name                 = "${var.role_name_prefix}-${each.key}"
  description          = each.value.description
  max_session_duration = 3600
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = local.created
  role       = aws_iam_role.this[each.key].name
  policy_arn = aws_iam_policy.this[each.value.policy].arn
}

output "oidc_provider_arn" {
  value = local.provider_arn
}

# role-to-assume for each workflow: apply, plan, read, and destroy / preview / preview-destroy / integration when created.
output "role_arns" {
  value = { for name, role in aws_iam_role.this : name => role.arn }
}
