-- AlterTable
ALTER TABLE "QualityCheck" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "key" TEXT NOT NULL,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "photoRef" TEXT,
ADD COLUMN     "qualityPointId" INTEGER,
ADD COLUMN     "reason" TEXT;
-- CreateTable
CREATE TABLE "MaintenanceRequest" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "workCenterId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "raisedBy" TEXT NOT NULL,
    "moNumber" TEXT,
    "workOrderSequence" INTEGER,
    "plannedStart" TIMESTAMP(3),
    "plannedEnd" TIMESTAMP(3),
    "durationMinutes" INTEGER NOT NULL DEFAULT 0,
    "downFrom" TIMESTAMP(3),
    "downUntil" TIMESTAMP(3),
    "diagnosis" TEXT,
    "technician" TEXT,
    "labourMinutes" INTEGER NOT NULL DEFAULT 0,
    "partsCostCents" BIGINT NOT NULL DEFAULT 0,
    "labourCostCents" BIGINT NOT NULL DEFAULT 0,
    "statusNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MaintenanceRequest_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "MaintenancePart" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitCostCents" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MaintenancePart_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "MaintenancePlan" (
    "id" SERIAL NOT NULL,
    "workCenterId" INTEGER NOT NULL,
    "everyDays" INTEGER,
    "everyOperatingHours" INTEGER,
    "durationMinutes" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "operatingMinutesAtLast" INTEGER NOT NULL DEFAULT 0,
    "lastOpenedAt" TIMESTAMP(3),
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MaintenancePlan_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "QualityPoint" (
    "id" SERIAL NOT NULL,
    "productSku" TEXT NOT NULL,
    "operationSequence" INTEGER,
    "kind" TEXT NOT NULL,
    "characteristic" TEXT,
    "minValue" DOUBLE PRECISION,
    "maxValue" DOUBLE PRECISION,
    "onFail" TEXT NOT NULL DEFAULT 'rework',
    "instructions" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "QualityPoint_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "QualityAlert" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "workCenterId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    CONSTRAINT "QualityAlert_pkey" PRIMARY KEY ("id")
);
-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceRequest_number_key" ON "MaintenanceRequest"("number");
-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceRequest_key_key" ON "MaintenanceRequest"("key");
-- CreateIndex
CREATE INDEX "MaintenanceRequest_workCenterId_status_idx" ON "MaintenanceRequest"("workCenterId", "status");
-- CreateIndex
CREATE INDEX "MaintenanceRequest_status_idx" ON "MaintenanceRequest"("status");
-- CreateIndex
CREATE UNIQUE INDEX "MaintenancePart_key_key" ON "MaintenancePart"("key");
-- CreateIndex
CREATE INDEX "MaintenancePart_requestId_idx" ON "MaintenancePart"("requestId");
-- CreateIndex
CREATE UNIQUE INDEX "MaintenancePlan_workCenterId_key" ON "MaintenancePlan"("workCenterId");
-- CreateIndex
CREATE INDEX "QualityPoint_productSku_idx" ON "QualityPoint"("productSku");
-- CreateIndex
CREATE UNIQUE INDEX "QualityAlert_number_key" ON "QualityAlert"("number");
-- CreateIndex
CREATE INDEX "QualityAlert_workCenterId_status_idx" ON "QualityAlert"("workCenterId", "status");
-- CreateIndex
CREATE UNIQUE INDEX "QualityCheck_key_key" ON "QualityCheck"("key");
-- CreateIndex
CREATE INDEX "QualityCheck_workOrderId_idx" ON "QualityCheck"("workOrderId");
-- CreateIndex
CREATE INDEX "QualityCheck_status_idx" ON "QualityCheck"("status");
-- AddForeignKey
ALTER TABLE "MaintenanceRequest" ADD CONSTRAINT "MaintenanceRequest_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "MaintenancePart" ADD CONSTRAINT "MaintenancePart_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "MaintenanceRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "MaintenancePlan" ADD CONSTRAINT "MaintenancePlan_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "QualityCheck" ADD CONSTRAINT "QualityCheck_qualityPointId_fkey" FOREIGN KEY ("qualityPointId") REFERENCES "QualityPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "QualityAlert" ADD CONSTRAINT "QualityAlert_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
