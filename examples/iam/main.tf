# GitHub OIDC roles for cognito-sso-action, the same as cloudformation.yml.
#   terraform init && terraform apply -var github_owner=acme -var github_repo=openmetadata-infra
# policies/*.json are generated from the README's policies: `npm run iam-templates`.

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
  description = "GitHub organisation or user that owns the repository."
}

variable "github_repo" {
  type        = string
  description = "Repository name, without the owner."
}

variable "apply_environment" {
  type        = string
  default     = ""
  description = "Optional GitHub environment whose jobs may also assume the apply and destroy roles. Empty: only the main branch."
}

variable "existing_oidc_provider_arn" {
  type        = string
  default     = ""
  description = "ARN of this account's existing token.actions.githubusercontent.com provider. Empty: create it."
}

variable "create_destroy_role" {
  type        = bool
  default     = false
  description = "Also create the destroy role (mode destroy / plan-destroy), trusted like the apply role."
}

variable "create_integration_role" {
  type        = bool
  default     = false
  description = "Also create the role of the action's own integration workflow (.github/workflows/integration.yml), trusted like the apply role."
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.existing_oidc_provider_arn == "" ? 1 : 0
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

locals {
  provider_arn = var.existing_oidc_provider_arn != "" ? var.existing_oidc_provider_arn : aws_iam_openid_connect_provider.github[0].arn
  repo         = "repo:${var.github_owner}/${var.github_repo}"
  apply_subjects = concat(
    ["${local.repo}:ref:refs/heads/main"],
    var.apply_environment != "" ? ["${local.repo}:environment:${var.apply_environment}"] : [],
  )
  plan_subjects = ["${local.repo}:pull_request"]
}

data "aws_iam_policy_document" "trust_apply" {
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
      values   = local.apply_subjects
    }
  }
}

data "aws_iam_policy_document" "trust_plan" {
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
      values   = local.plan_subjects
    }
  }
}

resource "aws_iam_role" "apply" {
  name_prefix        = "cognito-sso-apply-"
  description        = "cognito-sso-action mode apply, from the main branch"
  assume_role_policy = data.aws_iam_policy_document.trust_apply.json
}

resource "aws_iam_role_policy" "apply" {
  name   = "cognito-sso-apply"
  role   = aws_iam_role.apply.id
  policy = file("${path.module}/policies/apply.json")
}

resource "aws_iam_role" "plan" {
  name_prefix        = "cognito-sso-plan-"
  description        = "cognito-sso-action mode plan (read-only), from pull requests"
  assume_role_policy = data.aws_iam_policy_document.trust_plan.json
}

resource "aws_iam_role_policy" "plan" {
  name   = "cognito-sso-plan"
  role   = aws_iam_role.plan.id
  policy = file("${path.module}/policies/plan.json")
}

resource "aws_iam_role" "destroy" {
  count              = var.create_destroy_role ? 1 : 0
  name_prefix        = "cognito-sso-destroy-"
  description        = "cognito-sso-action mode destroy, from the main branch"
  assume_role_policy = data.aws_iam_policy_document.trust_apply.json
}

resource "aws_iam_role_policy" "destroy" {
  count  = var.create_destroy_role ? 1 : 0
  name   = "cognito-sso-destroy"
  role   = aws_iam_role.destroy[0].id
  policy = file("${path.module}/policies/destroy.json")
}

resource "aws_iam_role" "integration" {
  count              = var.create_integration_role ? 1 : 0
  name_prefix        = "cognito-sso-integration-"
  description        = "cognito-sso-action integration workflow (real AWS), from the main branch"
  assume_role_policy = data.aws_iam_policy_document.trust_apply.json
}

resource "aws_iam_role_policy" "integration" {
  count  = var.create_integration_role ? 1 : 0
  name   = "cognito-sso-integration"
  role   = aws_iam_role.integration[0].id
  policy = file("${path.module}/policies/integration.json")
}

output "apply_role_arn" {
  value = aws_iam_role.apply.arn
}

output "plan_role_arn" {
  value = aws_iam_role.plan.arn
}

output "destroy_role_arn" {
  value = var.create_destroy_role ? aws_iam_role.destroy[0].arn : null
}

output "integration_role_arn" {
  value = var.create_integration_role ? aws_iam_role.integration[0].arn : null
}
