workspace "Acme Webshop" "The online shop of Acme Outdoor: the example product of specsite." {

    !identifiers hierarchical
    !const PSP_NAME "PayFast"

    model {
        shopper = person "Shopper" "Buys outdoor gear on the web and on phones."
        support = person "Customer service agent" "Looks up orders and issues refunds."

        psp = softwareSystem "${PSP_NAME} payment provider" "Card payments with hosted card fields and 3-D Secure." "External"
        warehouse = softwareSystem "Warehouse system" "Picks, packs and ships orders; owns stock levels." "External"

        webshop = softwareSystem "Webshop" "Catalogue, search, cart, checkout and order history." {
            storefront = container "Storefront" "Server-rendered pages and the cart." "TypeScript, Next.js" {
                tags "Web Browser"
            }
            checkout = container "Checkout service" "Turns a cart into an order and takes the payment." "Kotlin, Spring Boot" {
                properties {
                    openapi "../apis/checkout.yaml"
                }
                cart = component "Cart pricing" "Prices the cart: promotions, shipping, taxes." "Kotlin"
                payment = component "Payment client" "Creates payments with the provider and handles 3-D Secure returns." "Kotlin"
                placement = component "Order placement" "Writes the order and publishes OrderPlaced." "Kotlin"
            }
            orders = container "Order service" "Order history, cancellations and refunds." "Kotlin, Spring Boot" {
                properties {
                    openapi "../apis/orders.yaml"
                }
            }
            search = container "Product search" "Full-text product search with synonyms." "PostgreSQL full-text search"
            db = container "Order database" "Orders, order lines and refunds." "PostgreSQL 16" {
                tags "Database"
            }
            broker = container "Message broker" "Order events for stock, shipping and loyalty." "RabbitMQ" {
                tags "Queue"
            }
        }

        shopper -> webshop.storefront "Browses, searches and buys with" "HTTPS"
        support -> webshop.orders "Looks up orders and refunds with" "HTTPS"
        webshop.storefront -> webshop.checkout "Places orders with" "HTTPS/JSON"
        webshop.storefront -> webshop.search "Searches products with" "HTTPS/JSON"
        webshop.storefront -> webshop.orders "Shows order history from" "HTTPS/JSON"
        webshop.checkout.cart -> webshop.checkout.payment "Hands the priced cart to"
        webshop.checkout.payment -> psp "Creates payments with" "HTTPS/JSON"
        webshop.checkout.payment -> webshop.checkout.placement "Confirms the payment to"
        webshop.checkout.placement -> webshop.db "Writes orders to" "JDBC"
        webshop.checkout.placement -> webshop.broker "Publishes OrderPlaced to" "AMQP"
        webshop.orders -> webshop.db "Reads and updates orders in" "JDBC"
        webshop.orders -> psp "Issues refunds with" "HTTPS/JSON"
        webshop.broker -> warehouse "Delivers OrderPlaced to" "AMQP"

        live = deploymentEnvironment "Live" {
            deploymentNode "Customer's device" "" "Browser or phone" {
                containerInstance webshop.storefront
            }
            deploymentNode "Acme cloud" "" "Kubernetes" {
                deploymentNode "shop namespace" "" "Kubernetes namespace" "" 3 {
                    containerInstance webshop.checkout
                    containerInstance webshop.orders
                }
                deploymentNode "data" "" "Managed services" {
                    containerInstance webshop.db
                    containerInstance webshop.broker
                    containerInstance webshop.search
                }
            }
        }
    }

    views {
        systemContext webshop "Context" "The webshop, its users and the systems it depends on." {
            include *
            autoLayout lr
        }
        container webshop "Containers" "What the webshop is made of." {
            include *
            autoLayout lr
        }
        component webshop.checkout "Checkout" "Inside the checkout service." {
            include *
            autoLayout lr
        }
        dynamic webshop "PlaceOrder" "One-click checkout, from the cart to the warehouse." {
            shopper -> webshop.storefront "Presses Buy now on"
            webshop.storefront -> webshop.checkout "Places the order with"
            webshop.checkout -> psp "Takes the payment with"
            webshop.checkout -> webshop.db "Writes the order to"
            webshop.checkout -> webshop.broker "Publishes OrderPlaced to"
            webshop.broker -> warehouse "Delivers OrderPlaced to"
            autoLayout lr
        }
        deployment webshop live "LiveDeployment" "Where the webshop runs." {
            include *
            autoLayout lr
        }

        styles {
            element "Person" {
                shape Person
                background #0b4f6c
                color #ffffff
            }
            element "Software System" {
                background #01baef
                color #ffffff
            }
            element "External" {
                background #8d99ae
            }
            element "Container" {
                background #20bf55
                color #ffffff
            }
            element "Component" {
                background #a7e8bd
                color #000000
            }
            element "Database" {
                shape Cylinder
            }
            element "Queue" {
                shape Pipe
            }
            element "Web Browser" {
                shape WebBrowser
            }
            relationship "Relationship" {
                dashed false
            }
        }
    }
}
