-- CreateTable
CREATE TABLE "ReturnPolicy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "category" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "restockingFeeBp" INTEGER NOT NULL DEFAULT 0,
    "approverRole" TEXT NOT NULL DEFAULT 'manager'
);
-- CreateTable
CREATE TABLE "CustomerReturn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "orderId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "ticketNumber" TEXT,
    "rmaNumber" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusNote" TEXT,
    "outsideWindow" BOOLEAN NOT NULL DEFAULT false,
    "approvedBy" TEXT,
    "pickupTracking" TEXT,
    "requestedBy" TEXT NOT NULL,
    "authorizedAt" DATETIME,
    "receiveBy" DATETIME,
    "closedAt" DATETIME,
    "creditNoteNumber" TEXT,
    "refundCents" INTEGER NOT NULL DEFAULT 0,
    "restockingFeeCents" INTEGER NOT NULL DEFAULT 0,
    "replacementOrderNumber" TEXT,
    "sendBackOrderNumber" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CustomerReturn_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "SalesOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CustomerReturn_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- CreateTable
CREATE TABLE "CustomerReturnLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "returnId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "orderLineId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "receivedQty" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL,
    "condition" TEXT,
    "inspectedBy" TEXT,
    "inspectionNote" TEXT,
    "photoRef" TEXT,
    "disposition" TEXT,
    "repairMoNumber" TEXT,
    "settlement" TEXT,
    "settledAt" DATETIME,
    CONSTRAINT "CustomerReturnLine_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "CustomerReturn" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- CreateTable
CREATE TABLE "ReturnReceipt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "returnId" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReturnReceipt_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "CustomerReturn" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- CreateTable
CREATE TABLE "CustomerRefund" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "returnId" INTEGER NOT NULL,
    "invoiceId" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "paidAt" DATETIME NOT NULL,
    "journalEntryId" INTEGER,
    CONSTRAINT "CustomerRefund_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "CustomerReturn" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Product" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uom" TEXT NOT NULL DEFAULT 'pcs',
    "kind" TEXT NOT NULL,
    "listPriceCents" INTEGER NOT NULL,
    "standardCostCents" INTEGER NOT NULL,
    "taxRateBp" INTEGER NOT NULL DEFAULT 2000,
    "reorderPoint" INTEGER NOT NULL DEFAULT 0,
    "makeToOrder" BOOLEAN NOT NULL DEFAULT false,
    "inspectOnReceipt" BOOLEAN NOT NULL DEFAULT false,
    "category" TEXT NOT NULL DEFAULT 'general',
    "active" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_Product" ("active", "id", "inspectOnReceipt", "kind", "listPriceCents", "makeToOrder", "name", "reorderPoint", "sku", "standardCostCents", "taxRateBp", "uom") SELECT "active", "id", "inspectOnReceipt", "kind", "listPriceCents", "makeToOrder", "name", "reorderPoint", "sku", "standardCostCents", "taxRateBp", "uom" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_sku_key" ON "Product"("sku");
CREATE TABLE "new_SalesOrderLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceCents" INTEGER NOT NULL,
    "taxRateBp" INTEGER NOT NULL,
    "reservedQty" INTEGER NOT NULL DEFAULT 0,
    "backorderQty" INTEGER NOT NULL DEFAULT 0,
    "shippedQty" INTEGER NOT NULL DEFAULT 0,
    "deliveredQty" INTEGER NOT NULL DEFAULT 0,
    "cancelledQty" INTEGER NOT NULL DEFAULT 0,
    "returnedQty" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "SalesOrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "SalesOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SalesOrderLine" ("backorderQty", "cancelledQty", "deliveredQty", "id", "lineNo", "orderId", "productId", "quantity", "reservedQty", "shippedQty", "taxRateBp", "unitPriceCents") SELECT "backorderQty", "cancelledQty", "deliveredQty", "id", "lineNo", "orderId", "productId", "quantity", "reservedQty", "shippedQty", "taxRateBp", "unitPriceCents" FROM "SalesOrderLine";
DROP TABLE "SalesOrderLine";
ALTER TABLE "new_SalesOrderLine" RENAME TO "SalesOrderLine";
CREATE UNIQUE INDEX "SalesOrderLine_orderId_lineNo_key" ON "SalesOrderLine"("orderId", "lineNo");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
-- CreateIndex
CREATE UNIQUE INDEX "ReturnPolicy_category_key" ON "ReturnPolicy"("category");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerReturn_number_key" ON "CustomerReturn"("number");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerReturn_key_key" ON "CustomerReturn"("key");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerReturn_rmaNumber_key" ON "CustomerReturn"("rmaNumber");
-- CreateIndex
CREATE INDEX "CustomerReturn_orderId_idx" ON "CustomerReturn"("orderId");
-- CreateIndex
CREATE INDEX "CustomerReturn_customerId_status_idx" ON "CustomerReturn"("customerId", "status");
-- CreateIndex
CREATE INDEX "CustomerReturn_status_idx" ON "CustomerReturn"("status");
-- CreateIndex
CREATE INDEX "CustomerReturnLine_orderLineId_idx" ON "CustomerReturnLine"("orderLineId");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerReturnLine_returnId_lineNo_key" ON "CustomerReturnLine"("returnId", "lineNo");
-- CreateIndex
CREATE UNIQUE INDEX "ReturnReceipt_returnId_reference_key" ON "ReturnReceipt"("returnId", "reference");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerRefund_number_key" ON "CustomerRefund"("number");
